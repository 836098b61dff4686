import { useState } from 'react';
import { token } from './api';
import { SignIn } from './SignIn';
import { WorkflowList } from './WorkflowList';
import { Editor } from './Editor';

/** Sign in, then the workflow list or one workflow's canvas (its id in the URL hash, so reload keeps it). */
export function App() {
  const [signedIn, setSignedIn] = useState(token.get() !== null);
  const [workflowId, setWorkflowId] = useState<string | null>(() => location.hash.slice(1) || null);

  const open = (id: string | null) => {
    location.hash = id ?? '';
    setWorkflowId(id);
  };
  const signOut = () => {
    token.clear();
    setSignedIn(false);
  };

  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  return (
    <div className="app">
      <header className="topbar">
        <button className="brand" onClick={() => open(null)}>Workflow Orchestrator</button>
        <span className="spacer" />
        <button onClick={signOut}>Sign out</button>
      </header>
      {workflowId
        ? <Editor workflowId={workflowId} onClose={() => open(null)} onUnauthorized={signOut} />
        : <WorkflowList onOpen={open} onUnauthorized={signOut} />}
    </div>
  );
}
