import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call, type Workflow } from './api';
import { queryKeys } from './query/keys';
import { useQueryError } from './query/hooks';
import { ErrorLine } from './ListParts';
import { MonitorRunList } from './MonitorRunList';
import { MonitorRunView } from './MonitorRunView';
import { RunFilterBar } from './RunFilterBar';
import { FINAL_STATUSES, NO_FILTERS, type RunFilters } from './runList';
import { useFailure } from './useFailure';
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
  const { list, loadMore, loadingMore, error: pollFailed } = useRunList(filters, fail);
  // The list's own line: the next poll that works clears it, which must not hide another failure.
  const listError = useQueryError(pollFailed, onUnauthorized);
  const named = useWorkflows(list.runs.map((run) => run.workflow_id));
  const workflows = named.workflows;
  const namesError = useQueryError(named.error, onUnauthorized);
  const names = useMemo(() => new Map(workflows.map((workflow) => [workflow.id, workflow.name])), [workflows]);
  const workflowName = useCallback((id: string) => names.get(id) ?? id.slice(0, 8), [names]);
  const now = useNow(list.runs.some((run) => !FINAL_STATUSES.has(run.status)));

  return (
    <main className="monitor" aria-label="Monitor">
      <div className="monitor-runs list">
        <RunFilterBar filters={filters} workflows={workflows} onChange={setFilters} />
        <ErrorLine error={error ?? namesError} />
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
function useWorkflows(shownIds: string[]) {
  const { data, error, refetch } = useQuery({
    queryKey: queryKeys.workflowNames(),
    queryFn: () => call<Workflow[]>('GET', 'workflow/?limit=500'),
  });
  const known = new Set((data ?? NO_WORKFLOWS).map((workflow) => workflow.id));
  const unknown = data ? [...new Set(shownIds.filter((id) => !known.has(id)))].sort().join(',') : '';
  useEffect(() => {
    if (unknown) void refetch();
  }, [unknown, refetch]);
  return { workflows: data ?? NO_WORKFLOWS, error };
}
