import { useState } from 'react';
import { useLatest } from './useLatest';
import { numberOrText } from './FieldInputs';
import { ExpressionHints, FieldRow, isStructured } from './FieldRow';
import { dedicatedEditor } from './LlmFields';
import { ExpressionScope, useExpressionScope } from './expressions/scope';
import { call, describe, isApiError, messageOf, type CanvasNode, type FormField, type NodeTypeInfo } from './api';

interface Props {
  workflowId: string;
  node: CanvasNode;
  type: NodeTypeInfo | undefined;
  onSaved: (node: CanvasNode) => void;
  /** The nodes that run before this one: what its expressions can read. */
  upstream?: CanvasNode[];
}

/**
 * How the engine treats this node, whatever its type (n8n's node settings): the panel shows them
 * below the type's own fields, and they travel in the same PATCH under their own names.
 */
const RUN_SETTINGS: FormField[] = [
  {
    name: 'disabled',
    type: 'boolean',
    label: 'Disabled',
    required: false,
    help: 'Skipped in runs: its input passes through.',
  },
  {
    name: 'retry.max_attempts',
    type: 'integer',
    label: 'Attempts',
    required: false,
    help: '1 to 10; more than 1 retries a failure.',
  },
  { name: 'retry.delay_ms', type: 'integer', label: 'Retry delay (ms)', required: false },
  {
    name: 'retry.backoff_multiplier',
    type: 'number',
    label: 'Backoff multiplier',
    required: false,
    help: 'Each retry waits this many times longer.',
  },
  { name: 'timeout_ms', type: 'integer', label: 'Timeout (ms)', required: false, help: 'Empty: the server default.' },
];

function runSettingsOf(node: CanvasNode): Record<string, string> {
  return {
    disabled: String(node.disabled ?? false),
    'retry.max_attempts': String(node.retry?.max_attempts ?? 1),
    'retry.delay_ms': String(node.retry?.delay_ms ?? 0),
    'retry.backoff_multiplier': String(node.retry?.backoff_multiplier ?? 1),
    timeout_ms: node.timeout_ms == null ? '' : String(node.timeout_ms),
  };
}

/** What the node's fields hold, as text: its type's form values, then its run settings. */
function fieldsOf(node: CanvasNode, type: NodeTypeInfo | undefined): Record<string, string> {
  return {
    ...Object.fromEntries((type?.form ?? []).map((field) => [field.name, asText(node.form_values[field.name])])),
    ...runSettingsOf(node),
  };
}

/** The run settings as the PATCH takes them; text that is not a number goes as typed, for the server to refuse. */
function runSettingsBody(values: Record<string, string>) {
  return {
    disabled: values.disabled === 'true',
    retry: {
      max_attempts: numberOrText(values['retry.max_attempts'] ?? ''),
      delay_ms: numberOrText(values['retry.delay_ms'] ?? ''),
      backoff_multiplier: numberOrText(values['retry.backoff_multiplier'] ?? ''),
    },
    timeout_ms: (values.timeout_ms ?? '').trim() === '' ? null : numberOrText(values.timeout_ms),
  };
}

/** The selected node's settings, generated from its type's form; the server's 422 details land on their fields. */
export function NodePanel({ workflowId, node, type, onSaved, upstream = [] }: Props) {
  const [name, setName] = useState(node.name);
  const [values, setValues] = useState(() => fieldsOf(node, type));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  // What the fields held when last loaded or saved: anything else is an unsaved edit.
  const [baseline, setBaseline] = useState(() => ({ name: node.name, values: fieldsOf(node, type) }));

  // A node saved, reloaded or newly selected fills the fields again, in the same render that shows it;
  // only another node drops the last save's messages.
  const [loaded, setLoaded] = useState({ node, type });
  if (loaded.node !== node || loaded.type !== type) {
    const fields = fieldsOf(node, type);
    setLoaded({ node, type });
    setName(node.name);
    setValues(fields);
    setBaseline({ name: node.name, values: fields });
    if (loaded.node.id !== node.id) {
      setErrors({});
      setMessage(null);
    }
  }

  const expressions = useExpressionScope(workflowId, node.id, upstream);
  const shownId = useLatest(node.id);
  const save = async () => {
    const formValues: Record<string, unknown> = {};
    for (const field of type?.form ?? [])
      formValues[field.name] = parse(
        field,
        values[field.name] ?? '',
        isStructured(field) || dedicatedEditor(node.node_type, field.name) !== undefined,
      );
    try {
      const saved = await call<CanvasNode>('PATCH', `workflow/${workflowId}/nodes/${node.id}/`, {
        name,
        form_values: formValues,
        ...runSettingsBody(values),
      });
      onSaved(saved);
      if (shownId.current !== saved.id) return;
      setBaseline({ name, values });
      setErrors({});
      setMessage('Saved');
    } catch (failed) {
      if (shownId.current !== node.id) return;
      const details = isApiError(failed) ? failed.details : {};
      const { form_values: formErrors, retry, ...others } = details as Record<string, unknown>;
      const retryErrors = Object.entries((retry ?? {}) as Record<string, unknown>).map(([key, value]) => [
        `retry.${key}`,
        value,
      ]);
      setErrors(
        Object.fromEntries(
          [
            ...Object.entries((formErrors ?? {}) as Record<string, unknown>),
            ...retryErrors,
            ...Object.entries(others),
          ].map(([key, value]) => [key, messageOf(value)]),
        ),
      );
      setMessage(describe(failed));
    }
  };

  const dirty =
    name !== baseline.name ||
    [...(type?.form ?? []), ...RUN_SETTINGS].some(
      (field) => (values[field.name] ?? '') !== (baseline.values[field.name] ?? ''),
    );

  const webhookUrl =
    node.node_type === 'webhook' && typeof node.form_values.path === 'string'
      ? new URL(`api/hooks/${node.form_values.path}`, location.href).href
      : null;

  return (
    <section className="node-settings" aria-label="Node settings" data-node-id={node.id}>
      <h2>{type?.name ?? node.node_type}</h2>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {webhookUrl && (
        <p className="webhook-url">
          Webhook URL <code>{webhookUrl}</code>
          <button onClick={() => navigator.clipboard?.writeText(webhookUrl)}>Copy</button>
        </p>
      )}
      <ExpressionScope value={expressions}>
        {(type?.form ?? []).map((field) => (
          <FieldRow
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            editor={dedicatedEditor(node.node_type, field.name)}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          >
            {field.type === 'expression' && (
              <ExpressionHints
                upstream={upstream.map((source) => source.name)}
                onPick={(text) =>
                  setValues((current) => ({ ...current, [field.name]: (current[field.name] ?? '') + text }))
                }
              />
            )}
          </FieldRow>
        ))}
      </ExpressionScope>
      <details className="run-settings" open={RUN_SETTINGS.some((field) => errors[field.name]) || undefined}>
        <summary>Run settings: retries, timeout, disabled</summary>
        {RUN_SETTINGS.map((field) => (
          <FieldRow
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          />
        ))}
      </details>
      <div className="save-row">
        <button className="primary" onClick={save}>
          Save
        </button>
        {dirty && (
          <span className="unsaved-mark" data-testid="panel-unsaved">
            Unsaved changes
          </span>
        )}
      </div>
      {message && !dirty && <p className={message === 'Saved' ? 'ok' : 'error'}>{message}</p>}
      {message && dirty && message !== 'Saved' && <p className="error">{message}</p>}
    </section>
  );
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** The text of a field as the value the API takes: numbers and JSON (of structured fields) parsed, empty as absent (null). */
function parse(field: FormField, text: string, structured = isStructured(field)): unknown {
  if (text.trim() === '') return null;
  if (field.type === 'boolean') return text === 'true';
  if (field.type === 'number' || field.type === 'integer') return numberOrText(text);
  if (structured) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
