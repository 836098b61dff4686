// Workspaces as the canvas uses them: which one is current (kept in localStorage, so a reload and the
// next sign-in keep it), and what the token's role there allows it to do.
import { call } from './api';

/** A token's role in a workspace; `admin` for an admin token, which reaches every workspace. */
export type WorkspaceRole = 'viewer' | 'editor' | 'owner' | 'admin';

export interface Workspace {
  name: string;
  description: string | null;
  created_at: string;
  role: WorkspaceRole;
}

/** The workspace everything lands in unless another is named, and the one to start in when it is visible. */
export const DEFAULT_WORKSPACE = 'default';

const CURRENT_KEY = 'orchestrator.workspace';

export const storedWorkspace = {
  get: (): string | null => localStorage.getItem(CURRENT_KEY),
  set: (name: string) => localStorage.setItem(CURRENT_KEY, name),
};

/** The workspace to show: the stored one if this token sees it, else `default`, else the first; null when none. */
export function currentOf(workspaces: Workspace[], stored: string | null): string | null {
  const names = workspaces.map((workspace) => workspace.name);
  if (stored && names.includes(stored)) return stored;
  if (names.includes(DEFAULT_WORKSPACE)) return DEFAULT_WORKSPACE;
  return names[0] ?? null;
}

const RANK: Record<WorkspaceRole, number> = { viewer: 0, editor: 1, owner: 2, admin: 3 };

/**
 * Whether a role may do what needs `need`: an editor changes and runs workflows and writes blocks, an
 * owner also manages connections and tokens. An unknown role (null) offers everything: the server decides.
 */
export function allows(role: WorkspaceRole | null, need: 'editor' | 'owner'): boolean {
  return role === null || RANK[role] >= RANK[need];
}

/** What a page of one workspace's items is given: the workspace, the token's role there, and what a 401 does. */
export interface WorkspacePageProps {
  onUnauthorized: () => void;
  /** The workspace whose items show and where new ones go; null: all the token sees (a server without workspaces). */
  workspace?: string | null;
  /** The token's role there: the page offers only what it allows. */
  role?: WorkspaceRole | null;
}

export function loadWorkspaces(): Promise<Workspace[]> {
  return call<Workspace[]>('GET', 'workspaces/');
}

/**
 * Keeps the items of one workspace, for the lists the server does not filter by workspace (it answers
 * everything the token may see); an item without the field is from a server without workspaces: kept.
 */
export function inWorkspace<T extends { workspace?: string }>(items: T[], workspace: string | null): T[] {
  return workspace === null ? items : items.filter((item) => (item.workspace ?? workspace) === workspace);
}
