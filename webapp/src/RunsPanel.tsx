import { useEffect, useState } from 'react';
import { call, describe } from './api';
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
  refresh: number;
  openRunId: string | null;
  onOpen: (run: RunDetail | null) => void;
}

/** The workflow's runs, newest first; opening one shows its node results on the canvas. */
export function RunsPanel({ workflowId, refresh, openRunId, onOpen }: Props) {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call<{ runs: RunSummary[] }>('GET', `runs/?workflow_id=${workflowId}&limit=50`)
      .then((answer) => {
        setRuns(answer.runs);
        setError(null);
      })
      .catch((failed) => setError(describe(failed)));
  }, [workflowId, refresh]);

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
