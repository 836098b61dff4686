import { useState } from 'react';
import { BooleanInput, ChoiceInput } from './FieldInputs';
import type { FieldEditorProps } from './LlmFields';
import type { FormField } from './api';
import { CodeField } from './expressions/CodeField';
import type { PreviewKind } from './expressions/usePreview';

/**
 * The code editor a field gets, if any: expression fields always, json fields always (with JSON
 * checks), text fields once they hold a `${…}` (as n8n switches a parameter to an expression).
 */
function codeKindOf(field: FormField, value: string): PreviewKind | null {
  if (field.type === 'expression') return 'expression';
  if (field.type === 'json') return 'json';
  if ((field.type === 'text' || field.type === 'textarea') && value.includes('${')) return 'template';
  return null;
}

/** One field: its label, the input its type calls for, its help and the server's message about it. */
export function FieldRow({
  field,
  value,
  error,
  onChange,
  editor: Editor,
  children,
}: {
  field: FormField;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  /** A field with several controls of its own: drawn under its label, not inside it. */
  editor?: (props: FieldEditorProps) => React.ReactNode;
  children?: React.ReactNode;
}) {
  // Once a text field is an expression it stays one, even while its `${` is retyped.
  const [code, setCode] = useState<PreviewKind | null>(() => codeKindOf(field, value));
  const kind = codeKindOf(field, value);
  if (kind !== null && kind !== code) setCode(kind);
  const shownKind = kind ?? code;
  // Typing `${` into the plain control turns it into the editor: the typing goes on there.
  const [focused, setFocused] = useState(false);

  if (Editor || shownKind)
    return (
      <div className={error ? 'field invalid' : 'field'} data-field={field.name}>
        <span className="field-label">
          {field.label}
          {field.required ? ' *' : ''}
        </span>
        {Editor ? (
          <Editor value={value} onChange={onChange} label={field.label} />
        ) : (
          <CodeField
            value={value}
            onChange={onChange}
            label={field.label}
            kind={shownKind!}
            multiline={field.type !== 'text' && field.type !== 'expression'}
            placeholder={field.type === 'expression' ? '${input.…}' : field.type === 'json' ? 'JSON' : undefined}
            autoFocus={focused}
          />
        )}
        {field.help && <small>{field.help}</small>}
        {error && <small className="error">{error}</small>}
        {children}
      </div>
    );
  return (
    <div className="field" data-field={field.name}>
      <label className={error ? 'invalid' : undefined}>
        {field.label}
        {field.required ? ' *' : ''}
        {field.type === 'choice' ? (
          <ChoiceInput value={value} options={field.options} onChange={onChange} />
        ) : field.type === 'boolean' ? (
          <BooleanInput value={value} onChange={onChange} />
        ) : isStructured(field) || field.type === 'textarea' ? (
          <textarea
            rows={4}
            value={value}
            placeholder={isStructured(field) ? 'JSON' : undefined}
            onChange={(e) => onChange(e.target.value)}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
          />
        ) : (
          <input
            type={field.type === 'secret' ? 'password' : 'text'}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
          />
        )}
        {field.help && <small>{field.help}</small>}
        {error && <small className="error">{error}</small>}
      </label>
      {children}
    </div>
  );
}

/** What an expression can read, as chips that add it to the field: the input, earlier nodes' outputs, the session. */
export function ExpressionHints({ upstream, onPick }: { upstream: string[]; onPick: (text: string) => void }) {
  const hints = [
    '${input}',
    ...upstream.map((name) => `\${nodes['${name.replace(/'/g, "\\'")}'].output}`),
    '${session}',
    '${run.id}',
  ];
  return (
    <div className="expression-hints" aria-label="Expression hints">
      {hints.map((hint) => (
        <button key={hint} type="button" onClick={() => onPick(hint)}>
          {hint}
        </button>
      ))}
    </div>
  );
}

export function isStructured(field: FormField) {
  return ['json', 'key_value', 'string_list', 'list'].includes(field.type);
}
