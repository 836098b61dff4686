import { describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type { Node, NodeChange } from '@xyflow/react';
import { handlesOf, NODE_SIZE_BEFORE_DRAWN, useFlowNodes } from './canvasView';

describe('nodes not drawn yet', () => {
  // As Chromium measured a short-named transform node: 160 × 53, input handle at (-1, 23.5), output at (155, 23.5).
  it('have their handles where styles.css puts them: the input on the left, the routes spread on the right', () => {
    expect(NODE_SIZE_BEFORE_DRAWN).toEqual({ width: 160, height: 53 });
    expect(handlesOf(['default'])).toEqual([
      { id: null, type: 'target', position: 'left', x: -1, y: 23.5, width: 6, height: 6 },
      { id: 'default', type: 'source', position: 'right', x: 155, y: 23.5, width: 6, height: 6 },
    ]);
    expect(handlesOf(['true', 'false'], { width: 200, height: 80 }).map(({ x, y }) => [x, y])).toEqual([
      [-1, 37],
      [195, 2 + 76 / 3 - 3],
      [195, 2 + (2 * 76) / 3 - 3],
    ]);
  });
});

describe('the editor nodes', () => {
  const start: Node[] = [
    { id: 'a', position: { x: 0, y: 0 }, data: {}, handles: handlesOf(['default']) },
    { id: 'b', position: { x: 0, y: 0 }, data: {}, handles: handlesOf(['default']) },
  ];
  const size = (id: string): NodeChange => ({ id, type: 'dimensions', dimensions: { width: 200, height: 70 } });

  it('take measured sizes once none has come for a moment, and then drop the estimated handles', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useFlowNodes<Node>());
    act(() => result.current[1](start));
    act(() => result.current[2]([size('a')]));
    act(() => result.current[2]([size('b')]));
    expect(result.current[0].map((node) => node.measured)).toEqual([undefined, undefined]);
    act(() => vi.advanceTimersByTime(250));
    expect(result.current[0].map((node) => [node.measured, node.handles])).toEqual([
      [{ width: 200, height: 70 }, undefined],
      [{ width: 200, height: 70 }, undefined],
    ]);
    vi.useRealTimers();
  });

  it('take waiting sizes at once with any other change, in the order they came', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useFlowNodes<Node>());
    act(() => result.current[1](start));
    act(() => result.current[2]([size('a')]));
    act(() => result.current[2]([{ id: 'b', type: 'select', selected: true }]));
    expect(result.current[0].map((node) => [node.measured?.width, node.selected, Boolean(node.handles)])).toEqual([
      [200, undefined, false],
      [undefined, true, true],
    ]);
    act(() => vi.advanceTimersByTime(250));
    expect(result.current[0][0].measured?.width).toBe(200);
    vi.useRealTimers();
  });
});
