import { describe, expect, it } from 'vitest';
import { FOLLOW_GAP, nodeToward, placeAfter, type Placed } from './canvasKeys';

const at = (id: string, x: number, y: number): Placed => ({ id, position: { x, y } });
//   trigger(0,0) → http(240,0) → set(480,0)
//                  └→ mail(240,150)
const graph = [at('trigger', 0, 0), at('http', 240, 0), at('set', 480, 0), at('mail', 240, 150)];

describe('arrow keys between nodes', () => {
  it('go to the nearest node on that side, along the flow before across it', () => {
    expect(nodeToward(graph[0], graph, 'ArrowRight')).toBe('http');
    expect(nodeToward(graph[1], graph, 'ArrowRight')).toBe('set');
    expect(nodeToward(graph[1], graph, 'ArrowLeft')).toBe('trigger');
    expect(nodeToward(graph[1], graph, 'ArrowDown')).toBe('mail');
    expect(nodeToward(graph[3], graph, 'ArrowUp')).toBe('http');
  });

  it('stay where they are when no node lies on that side', () => {
    expect(nodeToward(graph[0], graph, 'ArrowLeft')).toBeNull();
    expect(nodeToward(graph[2], graph, 'ArrowRight')).toBeNull();
    expect(nodeToward(graph[0], graph, 'Enter')).toBeNull();
  });
});

describe('a node added from the palette', () => {
  const center = { x: 10, y: 20 };

  it('goes right of the node it follows', () => {
    expect(placeAfter(graph[2], graph, center)).toEqual({ x: 480 + FOLLOW_GAP, y: 0 });
  });

  it('goes below a spot already taken, so that a second branch does not cover the first', () => {
    expect(placeAfter(graph[0], graph, center)).toEqual({ x: 240, y: 300 });
  });

  it('goes to the middle of the view when it follows no node', () => {
    expect(placeAfter(undefined, graph, center)).toEqual(center);
  });
});
