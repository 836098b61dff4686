import { formatDuration } from './graph';
import { ListTable } from './ListParts';
import { executionKey, type NodeExecution } from './runList';

interface Props {
  executions: NodeExecution[];
  selected: string | null;
  onSelect: (key: string) => void;
  /** When the duration of an attempt under way is counted to. */
  now: number;
}

/** Every attempt of every node of the run, in the order they began; one is selected to be shown below. */
export function NodeExecutionList({ executions, selected, onSelect, now }: Props) {
  return (
    <ListTable
      headings={['Node', 'Type', 'Attempt', 'Status', 'Duration']}
      empty={executions.length ? null : 'No node has started yet.'}
    >
      {executions.map((execution) => {
        const key = executionKey(execution);
        const duration =
          execution.duration_ms ??
          (execution.status === 'RUNNING' && execution.started_at ? now - Date.parse(execution.started_at) : null);
        return (
          <tr
            key={key}
            data-node-id={execution.node_id}
            data-status={execution.status}
            className={key === selected ? 'open' : undefined}
          >
            <td>
              <button className="link" onClick={() => onSelect(key)}>
                {execution.node_name}
              </button>
            </td>
            <td>{execution.node_type}</td>
            <td>{execution.attempt}</td>
            <td>
              <span className={`run-status status-${execution.status.toLowerCase()}`}>{execution.status}</span>
            </td>
            <td>{duration === null ? '' : formatDuration(Math.max(0, duration))}</td>
          </tr>
        );
      })}
    </ListTable>
  );
}
