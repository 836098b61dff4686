import { useEffect, useState } from 'react';
import { call, describe } from './api';
import { useLatest } from './useLatest';
import { CandidateList, StreamingCandidates, candidatesOf } from './Candidates';
import type { NodeStream } from './llmRun';

interface Props {
  workflowId: string;
  nodeId: string;
  /** The run whose data to show (the open one, or the latest live one); without it, development mode's. */
  taskId?: string;
  /** Bumped when a run or an execution may have changed the node's data. */
  refresh: number;
  /** The candidates an llm node of the live run is streaming, until its output is there. */
  stream?: NodeStream;
  /** The node's state in the live run: when it changes (it completed), its data is read again. */
  liveState?: string;
  /** A viewer reads the node's data but cannot execute it. */
  readOnly?: boolean;
}

interface StoredRun {
  node_executions: { node_id: string; attempt: number; input: unknown; output: unknown }[];
}

interface Execution {
  success: boolean;
  output?: unknown;
  route?: string;
  error?: string;
  error_type?: string;
}

const PREVIEW_CHARS = 2_000;

/** The selected node's last input and output, and "Execute this node" in development mode. */
export function Inspector({ workflowId, nodeId, taskId, refresh, stream, liveState, readOnly = false }: Props) {
  const [input, setInput] = useState<unknown>(null);
  const [output, setOutput] = useState<unknown>(null);
  const [result, setResult] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const fromDevelopmentMode = () =>
      Promise.all([
        call<{ input_data: unknown }>('GET', `workflow/${workflowId}/nodes/${nodeId}/input/`),
        call<{ output_data: unknown }>('GET', `workflow/${workflowId}/nodes/${nodeId}/output/`),
      ]).then(([inputs, outputs]) => {
        if (current) {
          setInput(inputs.input_data);
          setOutput(outputs.output_data);
        }
      });
    const fromRun = taskId
      ? call<StoredRun>('GET', `runs/${taskId}/`).then((run) => {
          const latest = run.node_executions
            .filter((step) => step.node_id === nodeId)
            .sort((a, b) => b.attempt - a.attempt)[0];
          if (!latest) return fromDevelopmentMode();
          if (current) {
            setInput(latest.input);
            setOutput(latest.output);
          }
        })
      : fromDevelopmentMode();
    fromRun.catch(() => {
      if (current) {
        setInput(null);
        setOutput(null);
      }
    });
    return () => {
      current = false;
    };
  }, [workflowId, nodeId, taskId, refresh, liveState]);

  // Another node drops the last execution's message, in the same render that shows the node.
  const [resultFor, setResultFor] = useState(nodeId);
  if (resultFor !== nodeId) {
    setResultFor(nodeId);
    setResult(null);
  }
  const shownId = useLatest(nodeId);
  const execute = async () => {
    const asked = nodeId;
    try {
      const answer = await call<Execution>('POST', `workflow/${workflowId}/execute_and_save_node/`, {
        node_id: asked,
        input_data: input ?? {},
        session_id: editorSession(),
      });
      if (shownId.current !== asked) return;
      setResult(answer.success ? `Executed: route ${answer.route}` : `Failed (${answer.error_type}): ${answer.error}`);
      if (answer.success) setOutput(answer.output);
    } catch (failed) {
      if (shownId.current === asked) setResult(describe(failed));
    }
  };

  const candidates = candidatesOf(output);
  return (
    <section className="inspector" aria-label="Node data">
      {stream && (!stream.complete || !candidates) ? (
        <StreamingCandidates stream={stream} />
      ) : (
        candidates && <CandidateList candidates={candidates} />
      )}
      <h3>Input</h3>
      <JsonView value={input} />
      <h3>Output</h3>
      <JsonView value={output} />
      <button onClick={execute} disabled={readOnly}>
        Execute this node
      </button>
      {result && <p className={result.startsWith('Executed') ? 'ok' : 'error'}>{result}</p>}
    </section>
  );
}

/** A JSON value, cut after a couple of thousand characters until asked for more. */
export function JsonView({ value }: { value: unknown }) {
  const [whole, setWhole] = useState(false);
  if (value === null || value === undefined) return <p className="empty">Nothing yet</p>;
  const text = JSON.stringify(value, null, 2);
  const cut = !whole && text.length > PREVIEW_CHARS;
  return (
    <>
      <pre className="json">{cut ? `${text.slice(0, PREVIEW_CHARS)}…` : text}</pre>
      {cut && <button onClick={() => setWhole(true)}>Show all {text.length.toLocaleString()} characters</button>}
    </>
  );
}

/** One development-mode session per editor tab: session variables and cookies carry from one execution to the next. */
function editorSession(): string {
  const key = 'orchestrator.session';
  let id = sessionStorage.getItem(key);
  if (!id) {
    id = `editor-${crypto.randomUUID()}`;
    sessionStorage.setItem(key, id);
  }
  return id;
}
