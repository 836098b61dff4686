import { useEffect, useRef, useState } from 'react';
import { useLatest } from '../useLatest';
import type { CodeEditor } from './codemirror';
import { useExpressionContext } from './scope';
import { parseJson, usePreview, type PreviewKind } from './usePreview';

interface Props {
  value: string;
  onChange: (value: string) => void;
  label: string;
  kind: PreviewKind;
  multiline: boolean;
  placeholder?: string;
  /** Take the focus when shown (a plain control that had it became this editor). */
  autoFocus?: boolean;
}

/**
 * A field edited in CodeMirror: `${…}` parts highlighted, autocomplete of what an expression can
 * read, the server's preview of the result below it and, for JSON, the parse error as one types.
 * Until the editor's code has loaded (a dynamic import), a plain control stands in and keeps what
 * is typed; focus moves over with the caret at the end.
 */
export function CodeField({ value, onChange, label, kind, multiline, placeholder, autoFocus }: Props) {
  const context = useExpressionContext();
  const host = useRef<HTMLDivElement>(null);
  const fallback = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const editor = useRef<CodeEditor | null>(null);
  const [loaded, setLoaded] = useState(false);

  // Preview and autocomplete data from the first focus on: a panel opened only to read asks nothing.
  const [active, setActive] = useState(false);
  const activate = () => {
    if (active) return;
    setActive(true);
    context?.load();
  };
  const latest = useLatest({ value, onChange, scope: context?.scope, activate });

  useEffect(() => {
    let live = true;
    import('./codemirror').then(({ createEditor }) => {
      if (!live || !host.current) return;
      const hadFocus = document.activeElement === fallback.current;
      editor.current = createEditor(host.current, {
        value: latest.current.value,
        label,
        json: kind === 'json',
        wholeText: kind === 'expression',
        multiline,
        readOnly: host.current.closest('fieldset:disabled') !== null,
        placeholder,
        scope: () => latest.current.scope ?? { nodes: {}, functions: [] },
        onChange: (text) => latest.current.onChange(text),
        onFocus: () => latest.current.activate(),
      });
      setLoaded(true);
      if (hadFocus) editor.current.focus();
    });
    return () => {
      live = false;
      editor.current?.destroy();
      editor.current = null;
    };
    // The editor is made once; later values reach it through setValue and `latest`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => editor.current?.setValue(value), [value, loaded]);
  const revision = context?.revision;
  useEffect(() => editor.current?.scopeChanged(), [revision]);

  const jsonProblem = kind === 'json' && value.trim() !== '' ? parseJson(value) : null;
  const preview = usePreview(active ? context : null, value, kind);
  const Plain = multiline ? 'textarea' : 'input';

  return (
    <div className="code-field" data-kind={kind} onFocus={activate}>
      <div ref={host} className="code-editor" hidden={!loaded} />
      {!loaded && (
        <Plain
          ref={fallback}
          aria-label={label}
          rows={multiline ? 4 : undefined}
          value={value}
          placeholder={placeholder}
          autoFocus={autoFocus}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {jsonProblem && !jsonProblem.ok && (
        <small className="error json-error" role="status">
          Not valid JSON: {jsonProblem.message}
        </small>
      )}
      {preview.state === 'result' && (
        <output className="expression-preview" aria-label={`Result of ${label}`}>
          {shown(preview.result)}
          {preview.truncated && <em> (cut: the result is longer)</em>}
        </output>
      )}
      {preview.state === 'error' && (
        <small className="error expression-error" role="status">
          {preview.message}
        </small>
      )}
    </div>
  );
}

/** A text as it is, anything else as JSON: what the node would be given. */
function shown(result: unknown): string {
  return typeof result === 'string' ? result : JSON.stringify(result, null, 2);
}
