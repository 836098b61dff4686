import { CommandLogView, type ExecutionProps } from './CommandLogView';

/** Past this, an output is cut: a page that renders megabytes of JSON stops responding. */
const SHOWN_CHARS = 20_000;

/** The selected attempt: a command's console, or any other node's error and output. */
export function ExecutionView({ execution, live, artifacts, onFailure, now }: ExecutionProps) {
  const title = `${execution.node_name} · attempt ${execution.attempt}`;
  if (execution.node_type === 'command') {
    return (
      <section className="execution" aria-label="Node execution">
        <h3>{title}</h3>
        {execution.error && <p className="error">{execution.error}</p>}
        <CommandLogView execution={execution} live={live} artifacts={artifacts} onFailure={onFailure} now={now} />
      </section>
    );
  }
  const text = JSON.stringify(execution.output, null, 2) ?? 'null';
  return (
    <section className="execution" aria-label="Node execution">
      <h3>{title}</h3>
      {execution.error && <p className="error">{execution.error}</p>}
      <pre className="json">
        {text.length > SHOWN_CHARS
          ? `${text.slice(0, SHOWN_CHARS)}\n… ${(text.length - SHOWN_CHARS).toLocaleString()} more characters`
          : text}
      </pre>
    </section>
  );
}
