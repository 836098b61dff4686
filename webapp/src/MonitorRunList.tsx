import { formatDuration } from './graph';
import { ListTable } from './ListParts';
import { runDuration, type RunList } from './runList';

interface Props {
  list: RunList;
  workflowName: (id: string) => string;
  openRunId: string | null;
  onOpen: (taskId: string) => void;
  onLoadMore: () => void;
  loadingMore: boolean;
  /** When the durations of runs under way are counted to. */
  now: number;
}

/** The runs of every workflow, newest first: workflow, status, start, duration, trigger; "Load more" below. */
export function MonitorRunList({ list, workflowName, openRunId, onOpen, onLoadMore, loadingMore, now }: Props) {
  return (
    <>
      <ListTable
        headings={['Workflow', 'Status', 'Started', 'Duration', 'Trigger']}
        empty={list.runs.length ? null : list.loaded ? 'No runs match these filters.' : 'Loading…'}
      >
        {list.runs.map((run) => {
          const duration = runDuration(run, now);
          return (
            <tr
              key={run.task_id}
              data-run-id={run.task_id}
              data-status={run.status}
              className={run.task_id === openRunId ? 'open' : undefined}
            >
              <td>
                <button className="link" onClick={() => onOpen(run.task_id)}>
                  {workflowName(run.workflow_id)}
                </button>
              </td>
              <td>
                <span className={`run-status status-${run.status.toLowerCase()}`}>{run.status}</span>
              </td>
              <td>{new Date(run.started_at ?? run.created_at).toLocaleString()}</td>
              <td>{duration === null ? '' : formatDuration(duration)}</td>
              <td className="trigger">{run.parent_run_id ? 'fork' : run.trigger}</td>
            </tr>
          );
        })}
      </ListTable>
      <div className="list-more">
        <span className="empty">
          {list.loaded &&
            `${list.runs.length.toLocaleString()} of ${list.total.toLocaleString()}${list.totalExact ? '' : '+'} runs`}
        </span>
        {list.hasMore && (
          <button onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </>
  );
}
