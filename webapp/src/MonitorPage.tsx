import { useCallback, useMemo, useState } from 'react';
import { call, type Workflow } from './api';
import { ErrorLine } from './ListParts';
import { MonitorRunList } from './MonitorRunList';
import { MonitorRunView } from './MonitorRunView';
import { RunFilterBar } from './RunFilterBar';
import { FINAL_STATUSES, NO_FILTERS, type RunFilters } from './runList';
import { useFailure } from './useFailure';
import { useLatestAnswer } from './useLatestAnswer';
import { useNow } from './useNow';
import { useRunList } from './useRunList';

interface Props {
  onOpenWorkflow: (id: string) => void;
  onUnauthorized: () => void;
}

/** The runs of every workflow, filtered and kept up to date; one opened beside the list. */
export function MonitorPage({ onOpenWorkflow, onUnauthorized }: Props) {
  const [filters, setFilters] = useState<RunFilters>(NO_FILTERS);
  const [openRun, setOpenRun] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = useFailure(onUnauthorized, setError);
  // The list's own line: the next poll that works clears it, which must not hide another failure.
  const [listError, setListError] = useState<string | null>(null);
  const listFailed = useFailure(onUnauthorized, setListError);
  const listLoaded = useCallback(() => setListError(null), []);

  const { list, loadMore, loadingMore } = useRunList(filters, listFailed, listLoaded);
  const workflows = useWorkflows(
    list.runs.map((run) => run.workflow_id),
    fail,
  );
  const names = useMemo(() => new Map(workflows.map((workflow) => [workflow.id, workflow.name])), [workflows]);
  const workflowName = useCallback((id: string) => names.get(id) ?? id.slice(0, 8), [names]);
  const now = useNow(list.runs.some((run) => !FINAL_STATUSES.has(run.status)));

  return (
    <main className="monitor" aria-label="Monitor">
      <div className="monitor-runs list">
        <RunFilterBar filters={filters} workflows={workflows} onChange={setFilters} />
        <ErrorLine error={error} />
        <ErrorLine error={listError} />
        <MonitorRunList
          list={list}
          workflowName={workflowName}
          openRunId={openRun}
          onOpen={(taskId) => setOpenRun(taskId === openRun ? null : taskId)}
          onLoadMore={loadMore}
          loadingMore={loadingMore}
          now={now}
        />
      </div>
      {openRun && (
        <MonitorRunView
          key={openRun}
          runId={openRun}
          workflowName={workflowName}
          onOpenWorkflow={onOpenWorkflow}
          onClose={() => setOpenRun(null)}
          onUnauthorized={onUnauthorized}
        />
      )}
    </main>
  );
}

const NO_WORKFLOWS: Workflow[] = [];

/**
 * The workflows, for the filter and to name each run's workflow; read again when runs of workflows it does
 * not know show up (created since), once for each such set: a deleted workflow's id stays unknown.
 */
function useWorkflows(shownIds: string[], onFailure: (failed: unknown) => void): Workflow[] {
  const [workflows, setWorkflows] = useState<Workflow[] | null>(null);
  const [asked, setAsked] = useState({ unknown: '', times: 0 });
  const known = new Set((workflows ?? NO_WORKFLOWS).map((workflow) => workflow.id));
  const unknown = [...new Set(shownIds.filter((id) => !known.has(id)))].sort().join(',');
  if (workflows !== null && unknown && unknown !== asked.unknown) setAsked({ unknown, times: asked.times + 1 });
  const ask = useCallback(() => call<Workflow[]>('GET', 'workflow/?limit=500'), []);
  useLatestAnswer(ask, setWorkflows, onFailure, asked.times);
  return workflows ?? NO_WORKFLOWS;
}
