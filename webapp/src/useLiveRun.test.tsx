import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './test/fakeSocket';
import { useLiveRun } from './useLiveRun';

describe('useLiveRun', () => {
  beforeEach(() => {
    FakeSocket.opened = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });

  it("reports a run's error to the callback of the last render, on the socket it already has", () => {
    const first = vi.fn();
    const latest = vi.fn();
    const { rerender } = renderHook(({ onRunError }) => useLiveRun('wf1', onRunError), {
      initialProps: { onRunError: first },
    });
    rerender({ onRunError: latest });
    expect(FakeSocket.opened).toHaveLength(1);

    FakeSocket.opened[0].receive({ type: 'workflow_failed', task_id: 'r1', error: 'The HTTP request timed out' });

    expect(latest).toHaveBeenCalledWith('The HTTP request timed out');
    expect(first).not.toHaveBeenCalled();
  });
});
