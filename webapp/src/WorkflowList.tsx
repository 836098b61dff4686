import { useCallback, useEffect, useState } from 'react';
import { call, describe, isApiError, type Workflow } from './api';

interface Props {
  onOpen: (id: string) => void;
  onUnauthorized: () => void;
}

/** Workflows with search, create, rename, activate and delete. */
export function WorkflowList({ onOpen, onUnauthorized }: Props) {
  const [workflows, setWorkflows] = useState<Workflow[]>([]);
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback(
    (failed: unknown) => {
      if (isApiError(failed) && failed.status === 401) onUnauthorized();
      else setError(describe(failed));
    },
    [onUnauthorized],
  );

  // Each keystroke searches; an answer that comes after a newer search was sent is dropped.
  const [reloads, setReloads] = useState(0);
  const load = () => setReloads((n) => n + 1);
  useEffect(() => {
    let current = true;
    call<Workflow[]>('GET', `workflow/?limit=500&search=${encodeURIComponent(search)}`)
      .then((found) => {
        if (current) {
          setWorkflows(found);
          setError(null);
        }
      })
      .catch((failed) => {
        if (current) fail(failed);
      });
    return () => {
      current = false;
    };
  }, [search, reloads, fail]);

  const create = async () => {
    const name = prompt('Name of the new workflow');
    if (!name) return;
    try {
      const created = await call<Workflow>('POST', 'workflow/', { name });
      onOpen(created.id);
    } catch (failed) {
      fail(failed);
    }
  };
  const rename = (workflow: Workflow) => {
    const name = prompt('New name', workflow.name);
    if (!name || name === workflow.name) return;
    call('PATCH', `workflow/${workflow.id}/`, { name }).then(load).catch(fail);
  };
  const toggle = (workflow: Workflow) =>
    call('PATCH', `workflow/${workflow.id}/`, { active: !workflow.active }).then(load).catch(fail);
  const remove = (workflow: Workflow) => {
    if (confirm(`Delete "${workflow.name}" with its nodes and runs?`)) {
      call('DELETE', `workflow/${workflow.id}/`).then(load).catch(fail);
    }
  };

  return (
    <main className="list">
      <div className="list-tools">
        <input placeholder="Search workflows" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button className="primary" onClick={create}>
          New workflow
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Active</th>
            <th>Version</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {workflows.map((workflow) => (
            <tr key={workflow.id}>
              <td>
                <a
                  href={`#${workflow.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(workflow.id);
                  }}
                >
                  {workflow.name}
                </a>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label="active"
                  checked={workflow.active}
                  onChange={() => toggle(workflow)}
                />
              </td>
              <td>{workflow.version}</td>
              <td>{new Date(workflow.updated_at).toLocaleString()}</td>
              <td className="row-actions">
                <button onClick={() => rename(workflow)}>Rename</button>
                <button onClick={() => remove(workflow)}>Delete</button>
              </td>
            </tr>
          ))}
          {workflows.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                No workflows yet: create one.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </main>
  );
}
