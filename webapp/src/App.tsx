import { useState } from 'react';
import { token } from './api';
import { SignIn } from './SignIn';
import { WorkflowList } from './WorkflowList';
import { Editor } from './Editor';
import { ConnectionsPage } from './ConnectionsPage';
import { BlocksPage } from './BlocksPage';
import { MonitorPage } from './MonitorPage';

/**
 * Sign in, then the workflow list, one workflow's canvas, or the monitor, connections or blocks page: which one
 * is in the URL hash (a workflow's id, or the page's name), so reload keeps it.
 */
export function App() {
  const [signedIn, setSignedIn] = useState(token.get() !== null);
  const [workflowId, setWorkflowId] = useState<string | null>(() => location.hash.slice(1) || null);

  const open = (id: string | null) => {
    location.hash = id ?? '';
    setWorkflowId(id);
  };
  const [notice, setNotice] = useState<string | null>(null);
  const signOut = () => {
    token.clear();
    setNotice(null);
    setSignedIn(false);
  };
  // The server refused the token mid-session (revoked, or the server's tokens were reset).
  const refused = () => {
    token.clear();
    setNotice('The server no longer accepts this token (401): it may have been revoked. Sign in with a valid one.');
    setSignedIn(false);
  };

  if (!signedIn)
    return (
      <SignIn
        notice={notice}
        onSignedIn={() => {
          setNotice(null);
          setSignedIn(true);
        }}
      />
    );
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
          <button className={workflowId === 'monitor' ? 'current' : undefined} onClick={() => open('monitor')}>
            Monitor
          </button>
          <button className={workflowId === 'connections' ? 'current' : undefined} onClick={() => open('connections')}>
            Connections
          </button>
          <button className={workflowId === 'blocks' ? 'current' : undefined} onClick={() => open('blocks')}>
            Blocks
          </button>
        </nav>
        <span className="spacer" />
        <button onClick={signOut}>Sign out</button>
      </header>
      {workflowId === 'monitor' ? (
        <MonitorPage onOpenWorkflow={open} onUnauthorized={refused} />
      ) : workflowId === 'connections' ? (
        <ConnectionsPage onUnauthorized={refused} />
      ) : workflowId === 'blocks' ? (
        <BlocksPage onUnauthorized={refused} />
      ) : workflowId ? (
        <Editor workflowId={workflowId} onClose={() => open(null)} onUnauthorized={refused} />
      ) : (
        <WorkflowList onOpen={open} onUnauthorized={refused} />
      )}
    </div>
  );
}
