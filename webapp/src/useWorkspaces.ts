import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { queryKeys } from './query/keys';
import { useQueryError } from './query/hooks';
import { currentOf, loadWorkspaces, storedWorkspace, type Workspace, type WorkspaceRole } from './workspaces';

export interface Workspaces {
  /** Whether the list has been asked for: the pages wait for it so that they ask for one workspace only once. */
  ready: boolean;
  workspaces: Workspace[];
  /** The workspace shown; null when the server names none (a server without workspaces: nothing is filtered). */
  current: string | null;
  /** The token's role in the current workspace; null when unknown, and then the server alone decides. */
  role: WorkspaceRole | null;
  select: (name: string) => void;
  /** Asks for the list again (after a workspace was created), keeping the current one. */
  reload: () => Promise<void>;
}

const NONE: Workspace[] = [];

/** The workspaces of the signed-in token and the current one, asked for once the component using it mounts. */
export function useWorkspaces(onUnauthorized: () => void): Workspaces {
  const client = useQueryClient();
  // Any failure but a 401 (a server from before workspaces): the pages show everything the token sees.
  const { data, error, isPending } = useQuery({ queryKey: queryKeys.workspaces(), queryFn: loadWorkspaces });
  useQueryError(error, onUnauthorized);
  const [chosen, setChosen] = useState<string | null>(storedWorkspace.get);
  const workspaces = data ?? NONE;
  const current = currentOf(workspaces, chosen);

  const reload = useCallback(() => client.invalidateQueries({ queryKey: queryKeys.workspaces() }), [client]);
  const select = useCallback((name: string) => {
    storedWorkspace.set(name);
    setChosen(name);
  }, []);

  const role = workspaces.find((workspace) => workspace.name === current)?.role ?? null;
  return { ready: !isPending, workspaces, current, role, select, reload };
}
