import type { NodeState } from './graph';

const COUNTED: NodeState[] = ['running', 'waiting', 'completed', 'failed', 'skipped'];

/** How many nodes of the run on show are running, completed, failed…: "3 completed · 1 failed". */
export function RunCounts({ counts }: { counts: Partial<Record<NodeState, number>> }) {
  const parts = COUNTED.filter((state) => counts[state]);
  if (parts.length === 0) return null;
  return (
    <span className="run-counts" data-testid="run-counts">
      {parts.map((state) => (
        <span key={state} className={`count count-${state}`}>
          {counts[state]} {state}
        </span>
      ))}
    </span>
  );
}
