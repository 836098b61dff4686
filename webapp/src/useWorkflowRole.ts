import { useEffect, useState } from 'react';
import { call } from './api';
import type { Workspace, WorkspaceRole } from './workspaces';

/**
 * The token's role in the workspace of a workflow: the canvas of a viewer offers no change. Null while
 * unknown, or when no workspaces are given (a server without them): the server alone decides then.
 */
export function useWorkflowRole(workflowId: string, workspaces: Workspace[] | undefined): WorkspaceRole | null {
  // Which workflow the workspace was read for: another workflow's answer must not stand for this one.
  const [found, setFound] = useState<{ workflowId: string; workspace: string } | null>(null);
  const known = workspaces !== undefined;
  useEffect(() => {
    if (!known) return;
    let current = true;
    call<{ workspace?: string }>('GET', `workflow/${workflowId}/`)
      .then((workflow) => {
        if (current && workflow.workspace) setFound({ workflowId, workspace: workflow.workspace });
      })
      // The canvas's own calls report a failure (a 404, a 401): this one would only repeat it.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [workflowId, known]);
  if (!workspaces || found?.workflowId !== workflowId) return null;
  return workspaces.find((workspace) => workspace.name === found.workspace)?.role ?? null;
}
