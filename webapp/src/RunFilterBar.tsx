import type { Workflow } from './api';
import { STATUS_CHOICES, TIME_WINDOWS, type RunFilters, type TimeWindow } from './runList';

interface Props {
  filters: RunFilters;
  workflows: Workflow[];
  onChange: (filters: RunFilters) => void;
}

/** The Monitor's filters: status, workflow and how far back. */
export function RunFilterBar({ filters, workflows, onChange }: Props) {
  return (
    <div className="list-tools run-filters">
      <h2>Monitor</h2>
      <select
        aria-label="Status"
        value={filters.status}
        onChange={(e) => onChange({ ...filters, status: e.target.value })}
      >
        {STATUS_CHOICES.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <select
        aria-label="Workflow"
        value={filters.workflowId}
        onChange={(e) => onChange({ ...filters, workflowId: e.target.value })}
      >
        <option value="">Every workflow</option>
        {workflows.map((workflow) => (
          <option key={workflow.id} value={workflow.id}>
            {workflow.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Time"
        value={filters.window}
        onChange={(e) => onChange({ ...filters, window: e.target.value as TimeWindow })}
      >
        {TIME_WINDOWS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
