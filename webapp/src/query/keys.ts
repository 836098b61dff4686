// Every query key in one place, as a tree: invalidating a prefix (['runs']) marks every query below it stale.
import type { RunFilters } from '../runList';

export const queryKeys = {
  workspaces: () => ['workspaces'] as const,
  /** Every workflow list, whatever the search or workspace. */
  workflows: () => ['workflows'] as const,
  workflowList: (workspace: string | null, search: string) => ['workflows', 'list', workspace, search] as const,
  /** The workflows named on the Monitor (every workspace, no search). */
  workflowNames: () => ['workflows', 'names'] as const,
  workflow: (id: string) => ['workflow', id] as const,
  /** Every run list and run detail. */
  runs: () => ['runs'] as const,
  workflowRuns: (workflowId: string) => ['runs', 'of', workflowId] as const,
  runList: (filters: RunFilters) => ['runs', 'list', filters] as const,
  run: (taskId: string) => ['runs', 'detail', taskId] as const,
  artifacts: (runId: string) => ['artifacts', runId] as const,
  storedLog: (artifactId: string, totalLines: number | null) => ['artifacts', 'log', artifactId, totalLines] as const,
  blocks: () => ['blocks'] as const,
  blockSearch: (search: Record<string, string | undefined>) => ['blocks', search] as const,
  connections: () => ['connections'] as const,
  tokens: (workspace: string) => ['tokens', workspace] as const,
  selfToken: () => ['tokens', 'self'] as const,
};
