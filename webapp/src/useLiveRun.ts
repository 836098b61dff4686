// The workflow's current run as the server streams it: a WebSocket per open canvas, its events
// applied to the node states, and a state_sync (the whole picture) on every connect, so that a
// dropped connection loses nothing once it is back.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from './query/keys';
import { followWorkflow } from './workflowSocket';
import { applyEvent, runStatusOf, syncStates, type NodeStates, type RunEvent, type SyncState } from './graph';
import {
  applyLlmEvent,
  NO_LLM_STATE,
  waitingOfSync,
  withWaits,
  withoutWait,
  type LlmEvent,
  type LlmRunState,
  type WaitRequest,
} from './llmRun';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface RunShown {
  taskId?: string;
  /** As task_status names it (PENDING, STARTED, WAITING, PAUSED, SUCCESS…), or idle before any run. */
  status: string;
}

export function useLiveRun(workflowId: string, onRunError: (error: string) => void, onTokenEnded?: () => void) {
  const [states, setStates] = useState<NodeStates>({});
  // The llm nodes' streaming candidates and the human-input nodes waiting, with what they ask.
  const [llm, setLlm] = useState<LlmRunState>(NO_LLM_STATE);
  const [run, setRun] = useState<RunShown>({ status: 'idle' });
  const [connection, setConnection] = useState<Connection>('connecting');
  /** Bumped when a run starts or ends: the views that list runs or show their data load again. */
  const [runChanges, bumpRunChanges] = useState(0);
  const client = useQueryClient();
  // The run lists and details of this workflow are stale too: the views showing them read them again.
  const setRunChanges = useCallback(
    (bump: (n: number) => number) => {
      bumpRunChanges(bump);
      void client.invalidateQueries({ queryKey: queryKeys.runs() });
    },
    [client],
  );
  // The caller's latest callback, without reconnecting when it changes: only another workflow opens another socket.
  const reportRunError = useEffectEvent(onRunError);
  const reportTokenEnded = useEffectEvent(() => onTokenEnded?.());

  useEffect(() => {
    return followWorkflow(workflowId, {
      onOpen: () => setConnection('live'),
      onDrop: () => setConnection('reconnecting'),
      onTokenEnded: () => reportTokenEnded(),
      onMessage: (data) => {
        const event = JSON.parse(data) as RunEvent & LlmEvent & { state?: SyncState };
        if (event.type === 'state_sync' && event.state) {
          const synced = event.state;
          setRun({ taskId: synced.task_id ?? undefined, status: synced.task_status ?? 'idle' });
          setStates(syncStates(synced));
          setLlm(waitingOfSync(synced.waiting_nodes));
          return;
        }
        setLlm((current) => applyLlmEvent(current, event));
        setStates((current) => applyEvent(current, event));
        const status = runStatusOf(event.type);
        if (status) {
          setRun({ taskId: event.task_id, status });
          setRunChanges((n) => n + 1);
          if (event.error) reportRunError(event.error);
        }
      },
    });
  }, [workflowId, setRunChanges]);

  // Stable: the editor calls it from an effect.
  const waitsFound = useCallback(
    (waits: Record<string, WaitRequest>) => setLlm((current) => withWaits(current, waits)),
    [],
  );

  return {
    states,
    streams: llm.streams,
    waiting: llm.waiting,
    run,
    connection,
    runChanges,
    /** A run this client just started, shown as pending until its events arrive. */
    started: (taskId: string) => setRun({ taskId, status: 'PENDING' }),
    /** A run's status as a call answered it (a pause, a resume), before or without its event. */
    statusIs: (taskId: string, status: string) => setRun({ taskId, status }),
    /** Waiting nodes found in the run's stored steps, for a wait this socket did not report. */
    waitsFound,
    /** A person answered the node: it no longer waits here. */
    answered: (nodeId: string) => setLlm((current) => withoutWait(current, nodeId)),
    /** Something changed the runs without an event to this socket (a rewind, a fork). */
    runsChanged: () => setRunChanges((n) => n + 1),
  };
}
