import { useState } from 'react';
import { call, describe, fieldMessages, isApiError } from './api';
import { ErrorLine, ItemField } from './ListParts';
import type { Workspaces } from './useWorkspaces';

/**
 * The header's choice of the current workspace, each shown with the token's role in it; an admin token
 * also creates workspaces here.
 */
export function WorkspaceSwitcher({ workspaces, current, select, reload }: Workspaces) {
  const [creating, setCreating] = useState(false);
  if (workspaces.length === 0 || current === null) return null;
  const admin = workspaces.some((workspace) => workspace.role === 'admin');
  return (
    <div className="workspace-switcher">
      <label>
        Workspace
        <select aria-label="Workspace" value={current} onChange={(e) => select(e.target.value)}>
          {workspaces.map((workspace) => (
            <option key={workspace.name} value={workspace.name} title={workspace.description ?? undefined}>
              {workspace.name} ({workspace.role})
            </option>
          ))}
        </select>
      </label>
      {admin && <button onClick={() => setCreating(true)}>New workspace…</button>}
      {creating && (
        <NewWorkspace
          onCancel={() => setCreating(false)}
          onCreated={async (name) => {
            setCreating(false);
            await reload();
            select(name);
          }}
        />
      )}
    </div>
  );
}

/** Asks for a new workspace's name and description; the server's 409 or 422 shows on the field. */
function NewWorkspace({ onCreated, onCancel }: { onCreated: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await call('POST', 'workspaces/', { name: name.trim(), description: description.trim() });
      onCreated(name.trim());
    } catch (failed) {
      // A 422 names the field; a taken name (409) is said in a line of its own.
      const invalid = isApiError(failed) && failed.status === 422;
      setFieldErrors(invalid ? fieldMessages(failed) : {});
      setError(invalid ? null : describe(failed));
    }
  };

  return (
    <div className="modal-backdrop">
      <form className="modal" onSubmit={submit} aria-label="New workspace">
        <h2>New workspace</h2>
        <ItemField label="Name (a-z, 0-9, - and _)" error={fieldErrors.name}>
          <input value={name} autoFocus onChange={(e) => setName(e.target.value)} placeholder="marketing" />
        </ItemField>
        <ItemField label="Description" error={fieldErrors.description}>
          <input value={description} onChange={(e) => setDescription(e.target.value)} />
        </ItemField>
        <ErrorLine error={error} />
        <div className="modal-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            Create
          </button>
        </div>
      </form>
    </div>
  );
}
