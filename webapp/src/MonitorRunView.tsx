import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from './api';
import { ArtifactsPanel } from './ArtifactsPanel';
import { ExecutionView } from './ExecutionView';
import { formatDuration } from './graph';
import { ErrorLine } from './ListParts';
import { NodeExecutionList } from './NodeExecutionList';
import { executionKey, FINAL_STATUSES, runDuration, type MonitorRunDetail, type NodeExecution } from './runList';
import { useFailure } from './useFailure';
import { queryKeys } from './query/keys';
import { useQueryError } from './query/hooks';
import { useLiveLogs } from './useLiveLogs';
import { useNow } from './useNow';
import { useRunArtifacts } from './useRunArtifacts';
import { useRunSocket, type RunMessage } from './useRunSocket';

interface Props {
  runId: string;
  workflowName: (id: string) => string;
  onOpenWorkflow: (id: string) => void;
  onClose: () => void;
  onUnauthorized: () => void;
}

/** Events after which the run's detail is read again: a node or the run changed state. */
const CHANGES = /^(node|workflow)_/;
/** Events of one moment (a node ending, the next starting) are read as one. */
const RELOAD_AFTER_MS = 250;

/**
 * One run: its node attempts, the selected one's console or output, and its files. A run under way is
 * followed on its workflow's WebSocket: its lines and steps as they come, its detail read again as it goes.
 */
export function MonitorRunView({ runId, workflowName, onOpenWorkflow, onClose, onUnauthorized }: Props) {
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: () => call<MonitorRunDetail>('GET', `runs/${runId}/`),
  });
  const run = detail.data ?? null;
  const [actionError, setError] = useState<string | null>(null);
  const fail = useFailure(onUnauthorized, setError);

  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(reloadTimer.current), []);
  const reloadSoon = () => {
    reloadTimer.current ??= setTimeout(() => {
      reloadTimer.current = undefined;
      void client.invalidateQueries({ queryKey: queryKeys.run(runId) });
    }, RELOAD_AFTER_MS);
  };

  const files = useRunArtifacts(runId);
  const queryError = useQueryError(detail.error ?? files.error, onUnauthorized);
  const error = actionError ?? queryError;
  const live = useLiveLogs();
  const underWay = run !== null && !FINAL_STATUSES.has(run.status);
  const socket = useRunSocket(
    run?.workflow_id ?? null,
    runId,
    underWay,
    (message: RunMessage) => {
      live.receive(message);
      if (message.type === 'artifact_created') files.reload();
      else if (message.type === 'state_sync' || CHANGES.test(message.type)) reloadSoon();
    },
    onUnauthorized,
  );
  const now = useNow(underWay);

  const [picked, setPicked] = useState<string | null>(null);
  const executions = run?.node_executions ?? [];
  const selected = executions.find((execution) => executionKey(execution) === picked) ?? latestCommand(executions);
  const latestOfNode = selected && lastOf(executions, (execution) => execution.node_id === selected.node_id);

  const duration = run && runDuration(run, now);
  return (
    <section className="monitor-run" aria-label="Run" data-run-id={runId}>
      <header className="monitor-run-head">
        <h2>{run ? workflowName(run.workflow_id) : 'Run'}</h2>
        {run && (
          <span className={`run-status status-${run.status.toLowerCase()}`} data-testid="monitor-run-status">
            {run.status}
          </span>
        )}
        {socket !== 'off' && (
          <span className={`live live-${socket}`}>
            {socket === 'live' ? 'Live' : socket === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
          </span>
        )}
        <span className="spacer" />
        {run && <button onClick={() => onOpenWorkflow(run.workflow_id)}>Open workflow</button>}
        <button onClick={onClose} aria-label="Close the run">
          ×
        </button>
      </header>
      {run && (
        <p className="run-facts">
          {new Date(run.started_at ?? run.created_at).toLocaleString()}
          {duration !== null && ` · ${formatDuration(duration)}`} · {run.parent_run_id ? 'fork' : run.trigger} ·{' '}
          <code>{run.task_id}</code>
        </p>
      )}
      {run?.error && <p className="error">{run.error}</p>}
      <ErrorLine error={error} />
      <NodeExecutionList
        executions={executions}
        selected={selected ? executionKey(selected) : null}
        onSelect={setPicked}
        now={now}
      />
      {selected && (
        <ExecutionView
          key={executionKey(selected)}
          execution={selected}
          live={selected === latestOfNode ? (live.logs[selected.node_id] ?? null) : null}
          artifacts={files.artifacts}
          onFailure={fail}
          now={now}
        />
      )}
      <ArtifactsPanel
        runId={runId}
        artifacts={files.artifacts}
        total={files.total}
        loaded={files.loaded}
        onUploaded={files.reload}
        onFailure={fail}
        onUnauthorized={onUnauthorized}
      />
    </section>
  );
}

/** What a run shows first: its latest command attempt, whose console is what one comes to the Monitor for. */
function latestCommand(executions: NodeExecution[]): NodeExecution | undefined {
  return lastOf(executions, (execution) => execution.node_type === 'command');
}

function lastOf<T>(items: T[], wanted: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (wanted(items[i])) return items[i];
  return undefined;
}
