import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, send, type Workflow } from './api';
import { queryKeys } from './query/keys';
import { useChange, useQueryError } from './query/hooks';
import { useFailure } from './useFailure';
import { ErrorLine, ListTable } from './ListParts';
import { allows, type WorkspacePageProps } from './workspaces';

interface Props extends WorkspacePageProps {
  onOpen: (id: string) => void;
}

/** Workflows with search, create, rename, activate and delete. */
export function WorkflowList({ onOpen, onUnauthorized, workspace = null, role = null }: Props) {
  const editable = allows(role, 'editor');
  const inWorkspace = workspace === null ? '' : `workspace=${encodeURIComponent(workspace)}`;
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);

  const fail = useFailure(onUnauthorized, setError);

  // Each keystroke searches; the rows of the last answer stay until the next one is in.
  const list = useQuery({
    queryKey: queryKeys.workflowList(workspace, search),
    queryFn: () =>
      call<Workflow[]>(
        'GET',
        `workflow/?limit=500&search=${encodeURIComponent(search)}${inWorkspace ? `&${inWorkspace}` : ''}`,
      ),
    placeholderData: keepPreviousData,
  });
  const workflows = list.data ?? [];
  const listError = useQueryError(list.error, onUnauthorized);
  const { change } = useChange([queryKeys.workflows()], fail, () => setError(null));
  const opened = { onSuccess: (id: unknown) => typeof id === 'string' && onOpen(id) };

  const create = () => {
    const name = prompt('Name of the new workflow');
    if (!name) return;
    const body = workspace === null ? { name } : { name, workspace };
    change(async () => (await call<Workflow>('POST', 'workflow/', body)).id, opened);
  };
  // A workflow file (exported here, or a WriteIt pipeline) becomes a new workflow, opened at once.
  const importFile = (file: File) => {
    const yaml = /\.ya?ml$/i.test(file.name) || file.type.includes('yaml');
    change(async () => {
      const answer = await send('POST', `workflow/import/${inWorkspace ? `?${inWorkspace}` : ''}`, {
        content: await file.text(),
        contentType: yaml ? 'application/yaml' : 'application/json',
      });
      const created = (answer ? JSON.parse(answer) : {}) as { id?: string; workflow?: { id: string } };
      return created.id ?? created.workflow?.id;
    }, opened);
  };
  const rename = (workflow: Workflow) => {
    const name = prompt('New name', workflow.name);
    if (!name || name === workflow.name) return;
    change(() => call('PATCH', `workflow/${workflow.id}/`, { name }));
  };
  const toggle = (workflow: Workflow) =>
    change(() => call('PATCH', `workflow/${workflow.id}/`, { active: !workflow.active }));
  const remove = (workflow: Workflow) => {
    if (confirm(`Delete "${workflow.name}" with its nodes and runs?`))
      change(() => call('DELETE', `workflow/${workflow.id}/`));
  };

  return (
    <main className="list">
      <div className="list-tools">
        <input placeholder="Search workflows" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button className="primary" onClick={create} disabled={!editable}>
          New workflow
        </button>
        <label className={editable ? 'button' : 'button disabled'}>
          Import
          <input
            type="file"
            aria-label="Import a workflow file"
            accept=".yaml,.yml,.json,application/json,application/yaml"
            hidden
            disabled={!editable}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) importFile(file);
            }}
          />
        </label>
      </div>
      <ErrorLine error={error ?? listError} />
      <ListTable
        headings={['Name', 'Active', 'Version', 'Updated', '']}
        empty={workflows.length ? null : 'No workflows yet: create one.'}
      >
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
                disabled={!editable}
                onChange={() => toggle(workflow)}
              />
            </td>
            <td>{workflow.version}</td>
            <td>{new Date(workflow.updated_at).toLocaleString()}</td>
            <td className="row-actions">
              <button onClick={() => rename(workflow)} disabled={!editable}>
                Rename
              </button>
              <button onClick={() => remove(workflow)} disabled={!editable}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </ListTable>
    </main>
  );
}
