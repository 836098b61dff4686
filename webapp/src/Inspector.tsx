import { useEffect, useState } from 'react';
import { call, describe, type CanvasNode } from './api';
import { DataView } from './DataView';
import { isPinned } from './graph';
import { PinControl } from './PinControl';
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
  /** The node as the canvas holds it (its name, its pin), and its direct sources' names: for the expressions of drags. */
  node?: CanvasNode;
  sources?: string[];
  /** A pin or unpin saved the node. */
  onPinned?: (node: CanvasNode) => void;
}

export interface Pin {
  output: unknown;
  route: string;
}

interface StoredRun {
  node_executions: { node_id: string; attempt: number; input: unknown; output: unknown; route?: string | null }[];
}

interface Execution {
  success: boolean;
  output?: unknown;
  route?: string;
  error?: string;
  error_type?: string;
}

/** The selected node's last input and output, and "Execute this node" in development mode. */
export function Inspector({
  workflowId,
  nodeId,
  taskId,
  refresh,
  stream,
  liveState,
  readOnly = false,
  node,
  sources = [],
  onPinned = () => {},
}: Props) {
  const pin = node && isPinned(node) ? { output: node.pinned_output, route: node.pinned_route ?? 'default' } : null;
  const [input, setInput] = useState<unknown>(null);
  const [output, setOutput] = useState<unknown>(null);
  // The route of the output shown, when known: a pin keeps it.
  const [route, setRoute] = useState<string | null>(null);
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
          setRoute(null);
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
            setRoute(latest.route ?? null);
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
      if (answer.success) {
        setOutput(answer.output);
        setRoute(answer.route ?? null);
      }
    } catch (failed) {
      if (shownId.current === asked) setResult(describe(failed));
    }
  };

  const candidates = candidatesOf(pin ? pin.output : output);
  return (
    <section className="inspector" aria-label="Node data">
      {stream && (!stream.complete || !candidates) ? (
        <StreamingCandidates stream={stream} />
      ) : (
        candidates && <CandidateList candidates={candidates} />
      )}
      <DataView title="Input" value={input} source={{ kind: 'input', sources }} draggable={!readOnly} />
      <DataView
        title="Output"
        value={pin ? pin.output : output}
        source={{ kind: 'output', nodeName: node?.name ?? '' }}
        draggable={false}
      />
      <PinControl
        workflowId={workflowId}
        nodeId={nodeId}
        pin={pin}
        output={output}
        route={route}
        readOnly={readOnly}
        onPinned={onPinned}
      />
      <button onClick={execute} disabled={readOnly}>
        Execute this node
      </button>
      {result && <p className={result.startsWith('Executed') ? 'ok' : 'error'}>{result}</p>}
    </section>
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
