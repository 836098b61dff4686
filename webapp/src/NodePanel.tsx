import { useEffect, useState } from 'react';
import { useLatest } from './useLatest';
import { BooleanInput, ChoiceInput } from './FieldInputs';
import { call, describe, isApiError, type CanvasNode, type FormField, type NodeTypeInfo } from './api';

interface Props {
  workflowId: string;
  node: CanvasNode;
  type: NodeTypeInfo | undefined;
  onSaved: (node: CanvasNode) => void;
  /** Names of the nodes that run before this one: what its expressions can read. */
  upstream?: string[];
}

/** The selected node's settings, generated from its type's form; the server's 422 details land on their fields. */
export function NodePanel({ workflowId, node, type, onSaved, upstream = [] }: Props) {
  const [name, setName] = useState(node.name);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  // What the fields held when last loaded or saved: anything else is an unsaved edit.
  const [baseline, setBaseline] = useState<{ name: string; values: Record<string, string> }>({ name: node.name, values: {} });

  useEffect(() => {
    const loaded = Object.fromEntries((type?.form ?? []).map((field) => [field.name, asText(node.form_values[field.name])]));
    setName(node.name);
    setValues(loaded);
    setBaseline({ name: node.name, values: loaded });
  }, [node, type]);
  useEffect(() => {
    setErrors({});
    setMessage(null);
  }, [node.id]);

  const shownId = useLatest(node.id);
  const save = async () => {
    const formValues: Record<string, unknown> = {};
    for (const field of type?.form ?? []) formValues[field.name] = parse(field, values[field.name] ?? '');
    try {
      const saved = await call<CanvasNode>('PATCH', `workflow/${workflowId}/nodes/${node.id}/`, { name, form_values: formValues });
      onSaved(saved);
      if (shownId.current !== saved.id) return;
      setBaseline({ name, values });
      setErrors({});
      setMessage('Saved');
    } catch (failed) {
      if (shownId.current !== node.id) return;
      const details = isApiError(failed) ? (failed.details.form_values ?? failed.details) as Record<string, unknown> : {};
      setErrors(Object.fromEntries(Object.entries(details).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])));
      setMessage(describe(failed));
    }
  };

  const dirty = name !== baseline.name
    || (type?.form ?? []).some((field) => (values[field.name] ?? '') !== (baseline.values[field.name] ?? ''));

  const webhookUrl = node.node_type === 'webhook' && typeof node.form_values.path === 'string'
    ? new URL(`api/hooks/${node.form_values.path}`, location.href).href : null;

  return (
    <section className="node-settings" aria-label="Node settings" data-node-id={node.id}>
      <h2>{type?.name ?? node.node_type}</h2>
      <label>Name<input value={name} onChange={(e) => setName(e.target.value)} /></label>
      {webhookUrl && (
        <p className="webhook-url">Webhook URL <code>{webhookUrl}</code>
          <button onClick={() => navigator.clipboard?.writeText(webhookUrl)}>Copy</button></p>
      )}
      {(type?.form ?? []).map((field) => (
        <div key={field.name} className="field">
        <label className={errors[field.name] ? 'invalid' : undefined}>
          {field.label}{field.required ? ' *' : ''}
          {field.type === 'choice' ? (
            <ChoiceInput value={values[field.name] ?? ''} options={field.options}
                         onChange={(value) => setValues({ ...values, [field.name]: value })} />
          ) : field.type === 'boolean' ? (
            <BooleanInput value={values[field.name] ?? ''} onChange={(value) => setValues({ ...values, [field.name]: value })} />
          ) : isStructured(field) || field.type === 'textarea' ? (
            <textarea rows={4} value={values[field.name] ?? ''} placeholder={isStructured(field) ? 'JSON' : undefined}
                      onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} />
          ) : (
            <input type={field.type === 'secret' ? 'password' : 'text'} value={values[field.name] ?? ''} placeholder={field.type === 'expression' ? '${input.…}' : undefined}
                   onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} />
          )}
          {field.help && <small>{field.help}</small>}
          {errors[field.name] && <small className="error">{errors[field.name]}</small>}
        </label>
        {field.type === 'expression' && (
          <ExpressionHints upstream={upstream}
                           onPick={(text) => setValues((current) => ({ ...current, [field.name]: (current[field.name] ?? '') + text }))} />
        )}
        </div>
      ))}
      <div className="save-row">
        <button className="primary" onClick={save}>Save</button>
        {dirty && <span className="unsaved-mark" data-testid="panel-unsaved">Unsaved changes</span>}
      </div>
      {message && !dirty && <p className={message === 'Saved' ? 'ok' : 'error'}>{message}</p>}
      {message && dirty && message !== 'Saved' && <p className="error">{message}</p>}
    </section>
  );
}

/** What an expression can read, as chips that add it to the field: the input, earlier nodes' outputs, the session. */
function ExpressionHints({ upstream, onPick }: { upstream: string[]; onPick: (text: string) => void }) {
  const hints = ['${input}', ...upstream.map((name) => `\${nodes['${name.replace(/'/g, "\\'")}'].output}`), '${session}', '${run.id}'];
  return (
    <div className="expression-hints" aria-label="Expression hints">
      {hints.map((hint) => <button key={hint} type="button" onClick={() => onPick(hint)}>{hint}</button>)}
    </div>
  );
}

function isStructured(field: FormField) {
  return ['json', 'key_value', 'string_list', 'list'].includes(field.type);
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** The text of a field as the value the API takes: numbers and JSON parsed, empty as absent (null). */
function parse(field: FormField, text: string): unknown {
  if (text.trim() === '') return null;
  if (field.type === 'boolean') return text === 'true';
  // Text that is not a number goes as typed: the server refuses it on the field, rather than it vanishing as null.
  if (field.type === 'number' || field.type === 'integer') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (isStructured(field)) {
    try { return JSON.parse(text); } catch { return text; }
  }
  return text;
}
