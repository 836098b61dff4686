import { useQuery } from '@tanstack/react-query';
import { call } from './api';
import { queryKeys } from './query/keys';
import type { Workspace, WorkspaceRole } from './workspaces';

/**
 * The token's role in the workspace of a workflow: the canvas of a viewer offers no change. Null while
 * unknown, or when no workspaces are given (a server without them): the server alone decides then.
 */
export function useWorkflowRole(workflowId: string, workspaces: Workspace[] | undefined): WorkspaceRole | null {
  // The canvas's own calls report a failure (a 404, a 401): this one would only repeat it.
  const { data } = useQuery({
    queryKey: queryKeys.workflow(workflowId),
    queryFn: () => call<{ workspace?: string }>('GET', `workflow/${workflowId}/`),
    enabled: workspaces !== undefined,
    retry: false,
  });
  if (!workspaces || !data?.workspace) return null;
  return workspaces.find((workspace) => workspace.name === data.workspace)?.role ?? null;
}
