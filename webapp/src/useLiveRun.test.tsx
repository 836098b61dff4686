import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from './query/keys';
import { testQueryClient } from './test/render';
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
      wrapper: withClient().wrapper,
    });
    rerender({ onRunError: latest });
    expect(FakeSocket.opened).toHaveLength(1);

    FakeSocket.opened[0].receive({ type: 'workflow_failed', task_id: 'r1', error: 'The HTTP request timed out' });

    expect(latest).toHaveBeenCalledWith('The HTTP request timed out');
    expect(first).not.toHaveBeenCalled();
  });

  it('marks the cached runs stale when a run starts or ends, so that the lists showing them read them again', () => {
    const { client, wrapper } = withClient();
    client.setQueryData(queryKeys.workflowRuns('wf1'), { runs: [] });
    renderHook(() => useLiveRun('wf1', vi.fn()), { wrapper });
    FakeSocket.opened[0].receive({ type: 'node_started', task_id: 'r1', node_id: 'n1' });
    expect(client.getQueryState(queryKeys.workflowRuns('wf1'))?.isInvalidated).toBe(false);

    FakeSocket.opened[0].receive({ type: 'workflow_completed', task_id: 'r1' });

    expect(client.getQueryState(queryKeys.workflowRuns('wf1'))?.isInvalidated).toBe(true);
  });
});

function withClient() {
  const client = testQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { client, wrapper };
}
