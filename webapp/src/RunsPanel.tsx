import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call, describe } from './api';
import { queryKeys } from './query/keys';
import { formatDuration, type StoredStep } from './graph';
import { formatCost } from './llmRun';

export interface RunSummary {
  task_id: string;
  status: string;
  trigger: string;
  created_at: string;
  duration_ms: number | null;
  parent_run_id: string | null;
  /** What the run's llm nodes used: a total, or counted as prompt, completion and total. */
  tokens?: number | { prompt?: number; completion?: number; total: number } | null;
  cost_usd?: number | null;
}

export interface RunDetail extends RunSummary {
  node_executions: StoredStep[];
}

interface Props {
  workflowId: string;
  openRunId: string | null;
  onOpen: (run: RunDetail | null) => void;
}

/**
 * The workflow's runs, newest first; opening one shows its node results on the canvas. The list is read
 * again when the workflow's socket reports a run that started or ended (it marks this query stale).
 */
export function RunsPanel({ workflowId, openRunId, onOpen }: Props) {
  const listed = useQuery({
    queryKey: queryKeys.workflowRuns(workflowId),
    queryFn: () => call<{ runs: RunSummary[] }>('GET', `runs/?workflow_id=${workflowId}&limit=50`),
  });
  const runs = listed.data?.runs ?? [];
  // The canvas reports a refused token on its own calls: a 401 here is only shown.
  const [openError, setError] = useState<string | null>(null);
  const error = openError ?? (listed.error ? describe(listed.error) : null);

  const open = (taskId: string) => {
    if (taskId === openRunId) {
      onOpen(null);
      return;
    }
    call<RunDetail>('GET', `runs/${taskId}/`)
      .then((run) => {
        setError(null);
        onOpen(run);
      })
      .catch((failed) => setError(describe(failed)));
  };

  return (
    <section className="runs" aria-label="Runs">
      <h3>Runs</h3>
      {error && <p className="error">{error}</p>}
      {runs.length === 0 && <p className="empty">No runs yet</p>}
      <ul>
        {runs.map((run) => (
          <li key={run.task_id}>
            <button
              className={run.task_id === openRunId ? 'run-item open' : 'run-item'}
              onClick={() => open(run.task_id)}
              data-status={run.status}
            >
              <span className={`run-status status-${run.status.toLowerCase()}`}>{run.status}</span>
              <span>{new Date(run.created_at).toLocaleTimeString()}</span>
              <span>{run.duration_ms === null ? '' : formatDuration(run.duration_ms)}</span>
              <span className="trigger">{run.parent_run_id ? 'fork' : run.trigger}</span>
              {usageOf(run) && <span className="usage">{usageOf(run)}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "1,234 tokens · $0.0042" for a run whose llm nodes used some; empty for any other run. */
export function usageOf(run: Pick<RunSummary, 'tokens' | 'cost_usd'>): string {
  const tokens = typeof run.tokens === 'number' ? run.tokens : run.tokens?.total;
  return [
    tokens ? `${tokens.toLocaleString()} tokens` : '',
    typeof run.cost_usd === 'number' && (tokens || run.cost_usd > 0) ? formatCost(run.cost_usd) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
