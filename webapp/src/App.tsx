import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { token } from './api';
import { createQueryClient } from './query/client';
import { SignIn } from './SignIn';
import { WorkflowList } from './WorkflowList';
import { Editor } from './Editor';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import { useWorkspaces } from './useWorkspaces';
import { allows } from './workspaces';

// The pages other than the list and the canvas load when first shown: opening a workflow then parses
// only the script it needs (docs/PERFORMANCE.md, issue #15).
const MonitorPage = lazy(() => import('./MonitorPage').then((page) => ({ default: page.MonitorPage })));
const ConnectionsPage = lazy(() => import('./ConnectionsPage').then((page) => ({ default: page.ConnectionsPage })));
const BlocksPage = lazy(() => import('./BlocksPage').then((page) => ({ default: page.BlocksPage })));
const TokensPage = lazy(() => import('./TokensPage').then((page) => ({ default: page.TokensPage })));

// The pages other than a workflow's canvas, by their name in the URL hash.
const PAGES = [
  ['monitor', 'Monitor'],
  ['connections', 'Connections'],
  ['blocks', 'Blocks'],
  ['tokens', 'Tokens'],
];

/**
 * Sign in, then the pages, with the workspaces of the token that signed in. The one query client of the
 * app lives here: signing out empties it, so that the next token never sees what the last one was shown.
 */
export function App() {
  const [client] = useState(createQueryClient);
  const [signedIn, setSignedIn] = useState(token.get() !== null);
  const [notice, setNotice] = useState<string | null>(null);
  // The next token starts at the list: the page in the address may be a workflow it cannot see.
  const signOut = useCallback(() => {
    token.clear();
    client.clear();
    location.hash = '';
    setNotice(null);
    setSignedIn(false);
  }, [client]);
  // The server refused the token mid-session (revoked, or the server's tokens were reset).
  const refused = useCallback(() => {
    token.clear();
    client.clear();
    setNotice('The server no longer accepts this token (401): it may have been revoked. Sign in with a valid one.');
    setSignedIn(false);
  }, [client]);

  return (
    <QueryClientProvider client={client}>
      {signedIn ? (
        <Pages onSignOut={signOut} onUnauthorized={refused} />
      ) : (
        <SignIn
          notice={notice}
          onSignedIn={() => {
            setNotice(null);
            setSignedIn(true);
          }}
        />
      )}
    </QueryClientProvider>
  );
}

/**
 * The workflow list, one workflow's canvas, or the monitor, connections, blocks or tokens page: which one
 * is in the URL hash (a workflow's id, or the page's name), so reload keeps it. Lists show the current
 * workspace's items, and new ones go there.
 */
function Pages({ onSignOut, onUnauthorized }: { onSignOut: () => void; onUnauthorized: () => void }) {
  const [workflowId, setWorkflowId] = useState<string | null>(() => location.hash.slice(1) || null);
  const workspaces = useWorkspaces(onUnauthorized);
  const { ready, current, role } = workspaces;

  const open = (id: string | null) => {
    location.hash = id ?? '';
    setWorkflowId(id);
  };
  // The address changes without the app too: the browser's back and forward buttons, a link, a typed hash.
  useEffect(() => {
    const follow = () => setWorkflowId(location.hash.slice(1) || null);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const tokensShown = current !== null && role !== null && allows(role, 'owner');
  const pages = PAGES.filter(([name]) => name !== 'tokens' || tokensShown);

  return (
    <div className="app">
      <header className="topbar">
        <button className="brand" onClick={() => open(null)}>
          Workflow Orchestrator
        </button>
        <nav className="pages">
          <button className={workflowId === null ? 'current' : undefined} onClick={() => open(null)}>
            Workflows
          </button>
          {pages.map(([name, title]) => (
            <button key={name} className={workflowId === name ? 'current' : undefined} onClick={() => open(name)}>
              {title}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <WorkspaceSwitcher
          {...workspaces}
          select={(name) => {
            workspaces.select(name);
            // A workflow belongs to one workspace: another workspace starts at its list.
            if (workflowId !== null && !PAGES.some(([name]) => name === workflowId)) open(null);
          }}
        />
        <button onClick={onSignOut}>Sign out</button>
      </header>
      <Suspense fallback={null}>
        {!ready ? null : workflowId === 'monitor' ? (
          <MonitorPage onOpenWorkflow={open} onUnauthorized={onUnauthorized} />
        ) : workflowId === 'connections' ? (
          <ConnectionsPage workspace={current} role={role} onUnauthorized={onUnauthorized} />
        ) : workflowId === 'blocks' ? (
          <BlocksPage workspace={current} role={role} onUnauthorized={onUnauthorized} />
        ) : workflowId === 'tokens' ? (
          tokensShown ? (
            <TokensPage key={current} workspace={current} onUnauthorized={onUnauthorized} />
          ) : (
            <main className="list">
              <p className="empty">Only an owner of the workspace manages its tokens.</p>
            </main>
          )
        ) : workflowId ? (
          <Editor
            workflowId={workflowId}
            workspaces={current === null ? undefined : workspaces.workspaces}
            onClose={() => open(null)}
            onUnauthorized={onUnauthorized}
          />
        ) : (
          <WorkflowList workspace={current} role={role} onOpen={open} onUnauthorized={onUnauthorized} />
        )}
      </Suspense>
    </div>
  );
}
