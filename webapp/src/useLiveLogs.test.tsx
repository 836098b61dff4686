import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLiveLogs } from './useLiveLogs';

const entry = (first: number, text: string) => ({
  type: 'log_entry',
  task_id: 't1',
  node_id: 'n1',
  stream: 'stdout',
  line: text,
  lines: 1,
  first_line: first,
  step: 0,
  dropped: 0,
});
const step = (status: string) => ({
  index: 0,
  name: 'One',
  status,
  started_at: '2026-12-06T12:00:00.000Z',
  ended_at: null,
  duration_ms: null,
});
const texts = (logs: ReturnType<typeof useLiveLogs>['logs']) => logs.n1?.console.lines.map((line) => line.text);

describe('useLiveLogs', () => {
  afterEach(() => vi.useRealTimers());

  it('shows the lines of many messages in one batch, 100 ms after the first', () => {
    vi.useFakeTimers();
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useLiveLogs();
    });
    const before = renders;
    act(() => {
      for (let i = 1; i <= 50; i++) result.current.receive(entry(i, `line ${i}`));
    });
    expect(result.current.logs.n1).toBeUndefined();

    act(() => vi.advanceTimersByTime(100));

    expect(texts(result.current.logs)).toHaveLength(50);
    expect(renders - before).toBe(1);
  });

  it('shows the lines printed before a step first, and starts a node afresh when it starts again', () => {
    const { result } = renderHook(() => useLiveLogs());
    act(() => {
      result.current.receive(entry(1, 'before the step'));
      result.current.receive({ type: 'step_update', task_id: 't1', node_id: 'n1', step: step('running') });
    });
    expect(texts(result.current.logs)).toEqual(['before the step']);
    expect(result.current.logs.n1.steps.map((each) => each.status)).toEqual(['running']);

    act(() => {
      result.current.receive(entry(2, 'last words of attempt 1'));
      result.current.receive({ type: 'node_started', task_id: 't1', node_id: 'n1' });
      result.current.receive(entry(1, 'attempt 2'));
    });
    expect(texts(result.current.logs)).toEqual([]);
    expect(result.current.logs.n1.steps).toEqual([]);
    act(() => {
      result.current.receive({ type: 'step_update', task_id: 't1', node_id: 'n1', step: step('running') });
    });
    expect(texts(result.current.logs)).toEqual(['attempt 2']);
  });
});
