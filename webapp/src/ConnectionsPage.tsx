import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call, fieldMessages, itemsOf } from './api';
import { queryKeys } from './query/keys';
import { useChange, useQueryError } from './query/hooks';
import { ChoiceInput } from './FieldInputs';
import { useFailure } from './useFailure';
import { ErrorLine, ItemField, ItemForm, ListTable } from './ListParts';
import { allows, inWorkspace, type WorkspacePageProps } from './workspaces';

/** A model server or a set of HTTP credentials, as the API answers it: the secret always masked. */
export interface LlmConnection {
  id: string;
  name: string;
  kind: string;
  base_url: string;
  secret: string | null;
  headers: Record<string, string>;
  models: string[];
  prices: Record<string, { input_per_1k: number; output_per_1k: number }>;
  defaults: Record<string, unknown>;
  workspace?: string;
}

/** What `test/` found: whether the server answered, how fast, which APIs and which models. */
export interface ConnectionTest {
  connected: boolean;
  latency_ms: number | null;
  openai_api: boolean;
  kobold_api: boolean;
  models: string[];
  model_info?: unknown;
  error: string | null;
}

const KINDS = ['openai', 'kobold', 'anthropic', 'http', 'rabbitmq'];
const MASK = '********';

/** The connections the token may see, for the pages and the llm node's model picker. */
export async function loadConnections(): Promise<LlmConnection[]> {
  return itemsOf(await call<LlmConnection[] | Record<string, unknown>>('GET', 'connections/'), 'connections');
}

interface Draft {
  name: string;
  kind: string;
  base_url: string;
  /** Empty when editing: the stored secret is kept unless something is typed. */
  secret: string;
  headers: string;
  models: string;
  prices: string;
  defaults: string;
}

const EMPTY: Draft = {
  name: '',
  kind: 'openai',
  base_url: '',
  secret: '',
  headers: '',
  models: '',
  prices: '',
  defaults: '',
};

function draftOf(connection: LlmConnection): Draft {
  const json = (value: unknown) =>
    value && typeof value === 'object' && Object.keys(value).length > 0 ? JSON.stringify(value, null, 2) : '';
  return {
    name: connection.name,
    kind: connection.kind,
    base_url: connection.base_url ?? '',
    secret: '',
    headers: json(connection.headers),
    models: (connection.models ?? []).join(', '),
    prices: json(connection.prices),
    defaults: json(connection.defaults),
  };
}

/** JSON typed in a field, or the text as typed for the server to refuse on its field. */
function jsonOrText(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The body of a POST or PATCH: an unchanged secret (left empty, or the mask) is not sent, so the stored one stays. */
function bodyOf(draft: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: draft.name,
    kind: draft.kind,
    base_url: draft.base_url,
    headers: jsonOrText(draft.headers),
    models: draft.models
      .split(/[,\n]/)
      .map((model) => model.trim())
      .filter(Boolean),
    prices: jsonOrText(draft.prices),
    defaults: jsonOrText(draft.defaults),
  };
  if (draft.secret !== '' && draft.secret !== MASK) body.secret = draft.secret;
  return body;
}

/**
 * Model servers and credentials of the current workspace: list, create, edit (the secret kept unless
 * retyped), delete, and test.
 */
export function ConnectionsPage({ onUnauthorized, workspace = null, role = null }: WorkspacePageProps) {
  // Only an owner manages connections; an editor's nodes use them.
  const manages = allows(role, 'owner');
  const [error, setError] = useState<string | null>(null);
  const fail = useFailure(onUnauthorized, setError);
  // null: no form open; 'new': creating; otherwise the id of the connection edited.
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [tests, setTests] = useState<Record<string, ConnectionTest | 'testing'>>({});

  const found = useQuery({ queryKey: queryKeys.connections(), queryFn: loadConnections });
  const connections = inWorkspace(found.data ?? [], workspace);
  const listError = useQueryError(found.error, onUnauthorized);
  const { change } = useChange([queryKeys.connections()], fail, () => setError(null));

  const open = (connection: LlmConnection | null) => {
    setEditing(connection ? connection.id : 'new');
    setDraft(connection ? draftOf(connection) : EMPTY);
    setFieldErrors({});
    setError(null);
  };

  const save = () =>
    change(
      () =>
        editing === 'new'
          ? call('POST', 'connections/', workspace === null ? bodyOf(draft) : { ...bodyOf(draft), workspace })
          : call('PATCH', `connections/${editing}/`, bodyOf(draft)),
      {
        onSuccess: () => setEditing(null),
        onError: (failed) => setFieldErrors(fieldMessages(failed)),
      },
    );

  const remove = (connection: LlmConnection) => {
    if (!confirm(`Delete the connection "${connection.name}"?`)) return;
    change(() => call('DELETE', `connections/${connection.id}/`));
  };

  const test = (connection: LlmConnection) => {
    setTests((current) => ({ ...current, [connection.id]: 'testing' }));
    call<ConnectionTest>('POST', `connections/${connection.id}/test/`)
      .then((result) => setTests((current) => ({ ...current, [connection.id]: result })))
      .catch((failed) => {
        setTests((current) => {
          const kept = { ...current };
          delete kept[connection.id];
          return kept;
        });
        fail(failed);
      });
  };

  const field = (name: keyof Draft, label: string, input: React.ReactNode) => (
    <ItemField label={label} error={fieldErrors[name]}>
      {input}
    </ItemField>
  );
  const text = (name: keyof Draft, multiline = false, placeholder?: string) =>
    multiline ? (
      <textarea
        rows={3}
        value={draft[name]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
    ) : (
      <input
        value={draft[name]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
    );

  return (
    <main className="list manage" aria-label="Connections">
      <div className="list-tools">
        <h2>Connections</h2>
        <span className="spacer" />
        <button className="primary" onClick={() => open(null)} disabled={!manages}>
          New connection
        </button>
      </div>
      <ErrorLine error={error ?? listError} />
      <ListTable
        headings={['Name', 'Kind', 'Base URL', 'Models', '']}
        empty={connections.length ? null : 'No connections yet: add a model server.'}
      >
        {connections.map((connection) => (
          <tr key={connection.id} data-connection-id={connection.id}>
            <td>{connection.name}</td>
            <td>{connection.kind}</td>
            <td>
              <code>{connection.base_url}</code>
            </td>
            <td>{(connection.models ?? []).join(', ')}</td>
            <td className="row-actions">
              <button onClick={() => test(connection)}>Test</button>
              <button onClick={() => open(connection)} disabled={!manages}>
                Edit
              </button>
              <button onClick={() => remove(connection)} disabled={!manages}>
                Delete
              </button>
              <TestResult result={tests[connection.id]} />
            </td>
          </tr>
        ))}
      </ListTable>
      {editing && (
        <ItemForm
          label="Connection"
          title={editing === 'new' ? 'New connection' : `Edit ${draft.name}`}
          onSubmit={save}
          onCancel={() => setEditing(null)}
        >
          {field('name', 'Name', text('name'))}
          {field(
            'kind',
            'Kind',
            <ChoiceInput value={draft.kind} options={KINDS} onChange={(kind) => setDraft({ ...draft, kind })} />,
          )}
          {field('base_url', 'Base URL', text('base_url', false, 'http://127.0.0.1:8080/v1'))}
          {field(
            'secret',
            'Secret',
            <input
              type="password"
              autoComplete="off"
              value={draft.secret}
              placeholder={editing === 'new' ? 'API key (optional)' : `${MASK} (unchanged unless typed)`}
              onChange={(e) => setDraft({ ...draft, secret: e.target.value })}
            />,
          )}
          {field('models', 'Models (comma-separated)', text('models'))}
          {field('headers', 'Headers (JSON)', text('headers', true, '{"X-Team": "docs"}'))}
          {field(
            'prices',
            'Prices (JSON, USD per 1k tokens)',
            text('prices', true, '{"model": {"input_per_1k": 0.001, "output_per_1k": 0.002}}'),
          )}
          {field('defaults', 'Defaults (JSON)', text('defaults', true, '{"temperature": 0.7}'))}
        </ItemForm>
      )}
    </main>
  );
}

/** A test's answer in one line: connected with latency, APIs and models, or why not. */
function TestResult({ result }: { result: ConnectionTest | 'testing' | undefined }) {
  if (!result) return null;
  if (result === 'testing') return <span className="test-result">Testing…</span>;
  if (!result.connected)
    return (
      <span className="test-result error" data-testid="test-result">
        Not connected: {result.error ?? 'no answer'}
      </span>
    );
  const apis = [result.openai_api && 'OpenAI API', result.kobold_api && 'Kobold API'].filter(Boolean).join(', ');
  return (
    <span className="test-result ok" data-testid="test-result">
      Connected in {result.latency_ms ?? '?'} ms{apis ? ` · ${apis}` : ''} · models:{' '}
      {result.models.length ? result.models.join(', ') : 'none listed'}
    </span>
  );
}
