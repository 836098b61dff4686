// The Monitor's list of the runs of every workflow: its filters as GET runs/'s query parameters, and how a
// page of runs joins what is shown (the first page polled again on top, "Load more" pages below it).
import type { RunSummary } from './RunsPanel';

/** A run as GET runs/ lists it, of any workflow. */
export interface MonitorRun extends RunSummary {
  workflow_id: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

export interface RunsPage {
  runs: MonitorRun[];
  total_count: number;
  /** False when the server stopped counting (total_count is then a lower bound); absent means exact. */
  total_count_exact?: boolean;
  has_more: boolean;
  next_cursor: string | null;
}

/** The statuses a run ends in: a run in any other may still change, so the Monitor watches it. */
export const FINAL_STATUSES = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);

/** The status filter's choices: the value is GET runs/'s `status` (several, comma-separated, for "under way"). */
export const STATUS_CHOICES: [string, string][] = [
  ['', 'Any status'],
  ['PENDING,STARTED,WAITING,PAUSED', 'Under way'],
  ...['PENDING', 'STARTED', 'WAITING', 'PAUSED', 'SUCCESS', 'FAILURE', 'REVOKED'].map((status): [string, string] => [
    status,
    status,
  ]),
];

export type TimeWindow = 'hour' | 'day' | 'week' | 'all';

/** The time filter's choices: how far back a run's creation may be, or null for no bound. */
export const TIME_WINDOWS: [TimeWindow, string, number | null][] = [
  ['hour', 'Last hour', 3_600_000],
  ['day', 'Last day', 86_400_000],
  ['week', 'Last week', 7 * 86_400_000],
  ['all', 'Any time', null],
];

export interface RunFilters {
  /** A value of STATUS_CHOICES; empty for any. */
  status: string;
  /** Empty for every workflow. */
  workflowId: string;
  window: TimeWindow;
}

export const NO_FILTERS: RunFilters = { status: '', workflowId: '', window: 'all' };

export const PAGE_SIZE = 50;

/**
 * The GET runs/ path of a page: the filters (a time window as `since`, counted back from `now`, so that a
 * window slides as the page polls), and the cursor of the page before for the next one.
 */
export function runsPath(filters: RunFilters, now: number, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (filters.workflowId) params.set('workflow_id', filters.workflowId);
  if (filters.status) params.set('status', filters.status);
  const span = TIME_WINDOWS.find(([window]) => window === filters.window)?.[2] ?? null;
  if (span !== null) params.set('since', new Date(now - span).toISOString());
  params.set('limit', String(PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return `runs/?${params}`;
}

/** What the list shows: the runs of the filters named by `key`, and where the next page starts. */
export interface RunList {
  key: string;
  runs: MonitorRun[];
  total: number;
  /** Whether `total` is the count, not only where the server stopped counting. */
  totalExact: boolean;
  hasMore: boolean;
  cursor: string | null;
  loaded: boolean;
}

export const emptyList = (key: string): RunList => ({
  key,
  runs: [],
  total: 0,
  totalExact: true,
  hasMore: false,
  cursor: null,
  loaded: false,
});

/**
 * The list after the first page was read again: the page replaces the newest runs, and the older runs shown
 * below it (from "Load more") stay, with their cursor, when they join on to it: when the page's last run is
 * among them. When the page holds none of them (more new runs came than a page holds), keeping them would
 * hide the runs between, so the list starts over from the page.
 */
export function withFirstPage(shown: RunList, page: RunsPage): RunList {
  const fresh: RunList = {
    key: shown.key,
    runs: page.runs,
    total: page.total_count,
    totalExact: page.total_count_exact !== false,
    hasMore: page.has_more,
    cursor: page.next_cursor,
    loaded: true,
  };
  const last = page.runs.at(-1);
  if (!page.has_more || !last) return fresh;
  const at = shown.runs.findIndex((run) => run.task_id === last.task_id);
  if (at < 0) return fresh;
  const onPage = new Set(page.runs.map((run) => run.task_id));
  const older = shown.runs.slice(at + 1).filter((run) => !onPage.has(run.task_id));
  if (older.length === 0) return fresh;
  return { ...fresh, runs: [...page.runs, ...older], hasMore: shown.hasMore, cursor: shown.cursor };
}

/** The list with the page after it below: a run already shown (the list moved meanwhile) is not shown twice. */
export function withNextPage(shown: RunList, page: RunsPage): RunList {
  const known = new Set(shown.runs.map((run) => run.task_id));
  return {
    ...shown,
    runs: [...shown.runs, ...page.runs.filter((run) => !known.has(run.task_id))],
    hasMore: page.has_more,
    cursor: page.next_cursor,
  };
}

/** How long a run took, or has been going for one under way; null before it started. */
export function runDuration(run: Pick<MonitorRun, 'duration_ms' | 'started_at' | 'status'>, now: number) {
  if (run.duration_ms !== null) return run.duration_ms;
  if (!run.started_at || FINAL_STATUSES.has(run.status)) return null;
  return Math.max(0, now - Date.parse(run.started_at));
}

/** One attempt of one node, as GET runs/{id}/ lists it. */
export interface NodeExecution {
  node_id: string;
  node_name: string;
  node_type: string;
  attempt: number;
  status: string;
  route: string | null;
  output: unknown;
  error: string | null;
  error_type: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

/** A run with every attempt of every node, in the order they began. */
export interface MonitorRunDetail extends MonitorRun {
  node_executions: NodeExecution[];
}

export const executionKey = (execution: Pick<NodeExecution, 'node_id' | 'attempt'>) =>
  `${execution.node_id}#${execution.attempt}`;
