import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call, fieldMessages } from './api';
import { queryKeys } from './query/keys';
import { useChange, useQueryError } from './query/hooks';
import { numberOrText } from './FieldInputs';
import { useFailure } from './useFailure';
import { ErrorLine, ItemField, ItemForm, ListTable } from './ListParts';
import type { WorkspaceRole } from './workspaces';

/** A token as the workspace's owner sees it: `workspaces` holds its role in this workspace only. */
export interface WorkspaceToken {
  id: string;
  name: string;
  token_prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  active: boolean;
  workspaces: Record<string, WorkspaceRole>;
}

const ROLES = ['viewer', 'editor', 'owner'];

interface Draft {
  name: string;
  role: string;
  expires_in_days: string;
}

const EMPTY: Draft = { name: '', role: 'editor', expires_in_days: '' };

interface Props {
  workspace: string;
  onUnauthorized: () => void;
}

/**
 * Who may use the current workspace (for its owners and admins): its tokens with their role, a new token
 * (its secret shown once), a role changed, a token taken out. A token cannot change or remove itself.
 */
export function TokensPage({ workspace, onUnauthorized }: Props) {
  const [error, setError] = useState<string | null>(null);
  const fail = useFailure(onUnauthorized, setError);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // The secret of the token just made: the server never shows it again.
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const base = `workspaces/${encodeURIComponent(workspace)}/tokens/`;

  const found = useQuery({
    queryKey: queryKeys.tokens(workspace),
    queryFn: () => call<WorkspaceToken[]>('GET', base),
  });
  const tokens = found.data ?? [];
  const listError = useQueryError(found.error, onUnauthorized);
  // Which of them is this token: it cannot change or remove itself. Unknown (a failure) offers every row.
  const me = useQuery({
    queryKey: queryKeys.selfToken(),
    queryFn: () => call<{ id: string }>('GET', 'tokens/self/'),
    retry: false,
  });
  const self = me.data?.id ?? null;
  const { change } = useChange([queryKeys.tokens(workspace)], fail, () => setError(null));

  const create = () => {
    const body: Record<string, unknown> = { name: draft.name.trim(), role: draft.role };
    if (draft.expires_in_days.trim()) body.expires_in_days = numberOrText(draft.expires_in_days);
    change(() => call<WorkspaceToken & { token: string }>('POST', base, body), {
      onSuccess: (answer) => {
        const made = answer as WorkspaceToken & { token: string };
        setCreating(false);
        setSecret({ name: made.name, token: made.token });
      },
      onError: (failed) => setFieldErrors(fieldMessages(failed)),
    });
  };

  const changeRole = (token: WorkspaceToken, role: string) =>
    change(() => call('PUT', `${base}${token.id}/`, { role }));

  const remove = (token: WorkspaceToken) => {
    if (!confirm(`Remove the token "${token.name}" from ${workspace}? It can no longer use this workspace.`)) return;
    change(() => call('DELETE', `${base}${token.id}/`));
  };

  return (
    <main className="list manage" aria-label="Tokens">
      <div className="list-tools">
        <h2>Tokens of {workspace}</h2>
        <span className="spacer" />
        <button
          className="primary"
          onClick={() => {
            setCreating(true);
            setDraft(EMPTY);
            setFieldErrors({});
            setError(null);
          }}
        >
          New token
        </button>
      </div>
      <ErrorLine error={error ?? listError} />
      {secret && <SecretOnce {...secret} onDone={() => setSecret(null)} />}
      <ListTable
        headings={['Name', 'Prefix', 'Role', 'Last used', 'Active', '']}
        empty={tokens.length ? null : 'No token has a role here yet.'}
      >
        {tokens.map((token) => {
          const own = token.id === self;
          return (
            <tr key={token.id} data-token-id={token.id}>
              <td>
                {token.name}
                {own && <small className="muted"> (this token)</small>}
              </td>
              <td>
                <code>{token.token_prefix}…</code>
              </td>
              <td>
                <select
                  aria-label={`Role of ${token.name}`}
                  value={token.workspaces[workspace] ?? ''}
                  disabled={own}
                  title={own ? 'Another owner or an admin can change this token’s role' : undefined}
                  onChange={(e) => changeRole(token, e.target.value)}
                >
                  {ROLES.map((role) => (
                    <option key={role}>{role}</option>
                  ))}
                </select>
              </td>
              <td>{token.last_used_at ? new Date(token.last_used_at).toLocaleString() : 'never'}</td>
              <td>{token.active ? 'yes' : token.revoked_at ? 'revoked' : 'expired'}</td>
              <td className="row-actions">
                <button onClick={() => remove(token)} disabled={own}>
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </ListTable>
      {creating && (
        <ItemForm label="Token" title="New token" onSubmit={create} onCancel={() => setCreating(false)}>
          <ItemField label="Name" error={fieldErrors.name}>
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </ItemField>
          <ItemField label="Role" error={fieldErrors.role}>
            <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
              {ROLES.map((role) => (
                <option key={role}>{role}</option>
              ))}
            </select>
          </ItemField>
          <ItemField label="Expires in days (empty: never)" error={fieldErrors.expires_in_days}>
            <input
              type="number"
              min={1}
              value={draft.expires_in_days}
              onChange={(e) => setDraft({ ...draft, expires_in_days: e.target.value })}
            />
          </ItemField>
        </ItemForm>
      )}
    </main>
  );
}

/** A new token's secret, with a copy button: the only time anyone sees it. */
function SecretOnce({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="secret-once" role="status" aria-label="New token">
      <p>
        The token <strong>{name}</strong>: copy it now, <strong>it will not be shown again</strong>.
      </p>
      <code data-testid="new-token">{token}</code>
      <div className="row-actions">
        <button
          onClick={() =>
            navigator.clipboard
              ?.writeText(token)
              .then(() => setCopied(true))
              .catch(() => undefined)
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button onClick={onDone}>Done</button>
      </div>
    </div>
  );
}
