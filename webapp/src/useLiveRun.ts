// The workflow's current run as the server streams it: a WebSocket per open canvas, its events
// applied to the node states, and a state_sync (the whole picture) on every connect, so that a
// dropped connection loses nothing once it is back.
import { useEffect, useEffectEvent, useState } from 'react';
import { token } from './api';
import { applyEvent, runStatusOf, syncStates, type NodeStates, type RunEvent, type SyncState } from './graph';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface RunShown {
  taskId?: string;
  /** As task_status names it (PENDING, STARTED, WAITING, SUCCESS…), or idle before any run. */
  status: string;
}

const RECONNECT_MS = 2_000;

export function useLiveRun(workflowId: string, onRunError: (error: string) => void) {
  const [states, setStates] = useState<NodeStates>({});
  const [run, setRun] = useState<RunShown>({ status: 'idle' });
  const [connection, setConnection] = useState<Connection>('connecting');
  /** Bumped when a run starts or ends: the views that list runs or show their data load again. */
  const [runChanges, setRunChanges] = useState(0);
  // The caller's latest callback, without reconnecting when it changes: only another workflow opens another socket.
  const reportRunError = useEffectEvent(onRunError);

  useEffect(() => {
    let socket: WebSocket | null = null;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const base = location.pathname.replace(/[^/]*$/, '');
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base}ws/workflow/${workflowId}/`;
      socket = new WebSocket(url, [`bearer.${token.get() ?? ''}`]);
      socket.onopen = () => setConnection('live');
      socket.onmessage = (message) => {
        const event = JSON.parse(message.data) as RunEvent & { state?: SyncState };
        if (event.type === 'state_sync' && event.state) {
          const synced = event.state;
          setRun({ taskId: synced.task_id ?? undefined, status: synced.task_status ?? 'idle' });
          setStates(syncStates(synced));
          return;
        }
        setStates((current) => applyEvent(current, event));
        const status = runStatusOf(event.type);
        if (status) {
          setRun({ taskId: event.task_id, status });
          setRunChanges((n) => n + 1);
          if (event.error) reportRunError(event.error);
        }
      };
      socket.onclose = () => {
        if (closed) return;
        setConnection('reconnecting');
        retry = setTimeout(connect, RECONNECT_MS);
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [workflowId]);

  return {
    states,
    run,
    connection,
    runChanges,
    /** A run this client just started, shown as pending until its events arrive. */
    started: (taskId: string) => setRun({ taskId, status: 'PENDING' }),
    /** Something changed the runs without an event to this socket (a rewind, a fork). */
    runsChanged: () => setRunChanges((n) => n + 1),
  };
}
