import { useCallback, useEffect, useState } from 'react';
import { isApiError } from './api';
import { useLatest } from './useLatest';
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

/** The workspaces of the signed-in token and the current one, asked for once the component using it mounts. */
export function useWorkspaces(onUnauthorized: () => void): Workspaces {
  const [workspaces, setWorkspaces] = useState<Workspace[]>([]);
  const [ready, setReady] = useState(false);
  const [current, setCurrent] = useState<string | null>(null);
  const refused = useLatest(onUnauthorized);

  const reload = useCallback(
    () =>
      loadWorkspaces()
        .then((found) => {
          setWorkspaces(found);
          setCurrent(currentOf(found, storedWorkspace.get()));
        })
        .catch((failed) => {
          if (isApiError(failed) && failed.status === 401) refused.current();
          // Any other failure (a server from before workspaces): the pages show everything the token sees.
          setWorkspaces([]);
          setCurrent(null);
        })
        .finally(() => setReady(true)),
    [refused],
  );

  useEffect(() => {
    reload();
  }, [reload]);

  const select = useCallback((name: string) => {
    storedWorkspace.set(name);
    setCurrent(name);
  }, []);

  const role = workspaces.find((workspace) => workspace.name === current)?.role ?? null;
  return { ready, workspaces, current, role, select, reload };
}
