import { useEffect, useEffectEvent, useState } from 'react';
import { followWorkflow } from './workflowSocket';

/** A message of the workflow's WebSocket about one run (or the state_sync every connect starts with). */
export interface RunMessage {
  type: string;
  task_id?: string | null;
  node_id?: string;
  [field: string]: unknown;
}

export type SocketState = 'off' | 'connecting' | 'live' | 'reconnecting';

/**
 * One run's messages from its workflow's WebSocket, while `watching` (the run is under way): the socket
 * streams every run of the workflow, so the others' messages are left out. It reconnects by itself; each
 * connect starts with a state_sync, handed on so that the caller reads again what it may have missed.
 */
export function useRunSocket(
  workflowId: string | null,
  taskId: string,
  watching: boolean,
  onMessage: (message: RunMessage) => void,
  onTokenEnded?: () => void,
): SocketState {
  const [state, setState] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');
  const deliver = useEffectEvent(onMessage);
  const reportTokenEnded = useEffectEvent(() => onTokenEnded?.());

  useEffect(() => {
    if (!workflowId || !watching) return;
    return followWorkflow(workflowId, {
      onOpen: () => setState('live'),
      onDrop: () => setState('reconnecting'),
      onTokenEnded: () => reportTokenEnded(),
      onMessage: (data) => {
        const message = JSON.parse(data) as RunMessage;
        if (message.type === 'state_sync' || message.task_id === taskId) deliver(message);
      },
    });
  }, [workflowId, taskId, watching]);

  return workflowId && watching ? state : 'off';
}
