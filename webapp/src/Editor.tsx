import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, addEdge, useEdgesState, useNodesState, useReactFlow,
  type Connection, type Edge, type Node,
} from '@xyflow/react';
import { call, describe, isApiError, token, type Canvas, type CanvasEdge, type CanvasNode, type NodeTypeInfo } from './api';
import {
  applyEvent, runStatusOf, statesOfRun, syncStates, takenEdges, toFlow, type NodeData, type NodeState, type RunEvent, type SyncState,
} from './graph';
import { WorkflowNodeView } from './WorkflowNodeView';
import { Palette } from './Palette';
import { NodePanel } from './NodePanel';
import { Inspector } from './Inspector';
import { RunsPanel, type RunDetail } from './RunsPanel';
import { RunInputs, type DeclaredInput } from './RunInputs';

interface Props {
  workflowId: string;
  onClose: () => void;
  onUnauthorized: () => void;
}

const NODE_TYPES = { workflowNode: WorkflowNodeView };
type States = Record<string, { state: NodeState; route?: string }>;

export function Editor(props: Props) {
  return <ReactFlowProvider><EditorCanvas {...props} /></ReactFlowProvider>;
}

/** One workflow on the canvas: every change is saved as it is made; runs show live through the WebSocket. */
function EditorCanvas({ workflowId, onUnauthorized }: Props) {
  const [canvas, setCanvas] = useState<Canvas | null>(null);
  const [types, setTypes] = useState<NodeTypeInfo[]>([]);
  const [nodes, setNodes, onNodesChange] = useNodesState<Node<NodeData>>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>([]);
  const [states, setStates] = useState<States>({});
  const [run, setRun] = useState<{ taskId?: string; status: string }>({ status: 'idle' });
  const [message, setMessage] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [openRun, setOpenRun] = useState<RunDetail | null>(null);
  const { screenToFlowPosition } = useReactFlow();
  const canvasNodes = useRef<Record<string, CanvasNode>>({});

  const fail = useCallback((failed: unknown) => {
    if (isApiError(failed) && failed.status === 401) onUnauthorized();
    else setMessage(describe(failed));
  }, [onUnauthorized]);

  useEffect(() => {
    Promise.all([call<Canvas>('GET', `workflow/${workflowId}/canvas_data/`), call<{ node_types: NodeTypeInfo[] }>('GET', 'nodes/')])
      .then(([loaded, catalogue]) => {
        setCanvas(loaded);
        setTypes(catalogue.node_types);
        canvasNodes.current = Object.fromEntries(loaded.nodes.map((node) => [node.id, node]));
        const flow = toFlow(loaded);
        setNodes(flow.nodes);
        setEdges(flow.edges);
      }).catch(fail);
  }, [workflowId, fail, setNodes, setEdges]);

  // Live run status: events over the WebSocket, a state_sync on connect and after a reconnect.
  useEffect(() => {
    let socket: WebSocket | null = null;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const base = location.pathname.replace(/[^/]*$/, '');
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base}ws/workflow/${workflowId}/`;
      socket = new WebSocket(url, [`bearer.${token.get() ?? ''}`]);
      socket.onmessage = (message) => {
        const event = JSON.parse(message.data) as RunEvent & { state?: SyncState };
        if (event.type === 'state_sync' && event.state) {
          const synced = event.state;
          setRun({ taskId: synced.task_id ?? undefined, status: synced.task_status ?? 'idle' });
          setStates(syncStates(synced));
          return;
        }
        setStates((current) => applyEvent(current, event));
        const status = runStatusOf(event.type);
        if (status) {
          setRun({ taskId: event.task_id, status });
          setRefresh((n) => n + 1);
          if (event.error) setMessage(event.error);
        }
      };
      socket.onclose = () => { if (!closed) retry = setTimeout(connect, 2000); };
    };
    connect();
    return () => { closed = true; clearTimeout(retry); socket?.close(); };
  }, [workflowId]);

  // An opened run shows its stored results instead of the live ones.
  const shownStates = useMemo(() => (openRun ? statesOfRun(openRun.node_executions) : states), [openRun, states]);
  const shownNodes = useMemo(() => nodes.map((node) => {
    const state = shownStates[node.id];
    return state || node.data.state !== 'idle'
      ? { ...node, data: { ...node.data, state: state?.state ?? 'idle', route: state?.route } } : node;
  }), [nodes, shownStates]);
  const shownEdges = useMemo(() => {
    const taken = takenEdges(edges, shownStates);
    return edges.map((edge) => ({ ...edge, animated: taken.has(edge.id), className: taken.has(edge.id) ? 'taken' : undefined }));
  }, [edges, shownStates]);

  // Every change is saved as it is made; the bar says whether some are still on their way.
  const [pending, setPending] = useState(0);
  const save = useCallback(<T,>(method: string, path: string, body?: unknown) => {
    setPending((n) => n + 1);
    return call<T>(method, `workflow/${workflowId}/${path}`, body).finally(() => setPending((n) => n - 1));
  }, [workflowId]);

  const addNode = useCallback(async (spec: Record<string, unknown>) => {
    const node = await save<CanvasNode>('POST', 'nodes/add/', spec);
    canvasNodes.current[node.id] = node;
    setNodes((current) => current.concat(toFlow({ ...canvas!, nodes: [node], edges: [] }).nodes));
    return node;
  }, [save, setNodes, canvas]);
  const connect = useCallback(async (source: string, sourceHandle: string, target: string) => {
    const edge = await save<CanvasEdge>('POST', 'edges/add/', { source, source_handle: sourceHandle, target });
    setEdges((current) => addEdge({ ...toFlow({ ...canvas!, nodes: [], edges: [edge] }).edges[0] }, current));
  }, [save, setEdges, canvas]);

  const onDrop = useCallback(async (event: React.DragEvent) => {
    event.preventDefault();
    const key = event.dataTransfer.getData('application/x-node-type');
    if (!key) return;
    const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    try {
      await addNode({ nodeTemplate: key, position });
      setMessage(null);
    } catch (failed) { fail(failed); }
  }, [screenToFlowPosition, addNode, fail]);

  const onConnect = useCallback(async (connection: Connection) => {
    try {
      await connect(connection.source, connection.sourceHandle ?? 'default', connection.target);
      setMessage(null);
    } catch (failed) { fail(failed); }
  }, [connect, fail]);

  const onNodeDragStop = useCallback((_: unknown, node: Node) => {
    save('PATCH', `nodes/${node.id}/position/`, { position: node.position }).catch(fail);
  }, [save, fail]);
  const onNodesDelete = useCallback((deleted: Node[]) => {
    deleted.forEach((node) => save('DELETE', `nodes/${node.id}/remove/`).catch(fail));
  }, [save, fail]);
  const onEdgesDelete = useCallback((deleted: Edge[]) => {
    deleted.forEach((edge) => save('DELETE', `edges/${edge.id}/remove/`).catch(fail));
  }, [save, fail]);

  // Ctrl+C / Ctrl+V: copies the selected nodes with their settings and the edges between them.
  const copied = useRef<{ nodes: CanvasNode[]; edges: Edge[] }>({ nodes: [], edges: [] });
  useEffect(() => {
    const onKey = async (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (!(event.ctrlKey || event.metaKey) || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (event.key === 'c') {
        const picked = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
        copied.current = {
          nodes: [...picked].map((id) => canvasNodes.current[id]).filter(Boolean),
          edges: edges.filter((edge) => picked.has(edge.source) && picked.has(edge.target)),
        };
      } else if (event.key === 'v' && copied.current.nodes.length > 0) {
        try {
          const newIds: Record<string, string> = {};
          for (const node of copied.current.nodes) {
            const pasted = await addNode({ nodeTemplate: node.node_type, form_values: withoutMaskedSecrets(node.form_values),
              position: { x: node.position.x + 40, y: node.position.y + 40 } });
            newIds[node.id] = pasted.id;
          }
          for (const edge of copied.current.edges) {
            await connect(newIds[edge.source], edge.sourceHandle ?? 'default', newIds[edge.target]);
          }
          setMessage(null);
        } catch (failed) { fail(failed); }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [nodes, edges, addNode, connect, fail]);

  const [asking, setAsking] = useState<{ inputs: DeclaredInput[]; error: string | null } | null>(null);
  const startWith = (input?: Record<string, unknown>) =>
    call<{ task_id: string }>('POST', `workflow/${workflowId}/start_execution/`, input === undefined ? undefined : { input })
      .then((answer) => {
        setAsking(null);
        setOpenRun(null);
        setRun({ taskId: answer.task_id, status: 'PENDING' });
        setMessage(null);
      })
      .catch((failed) => (input !== undefined
        ? setAsking((current) => current && { ...current, error: describe(failed) })
        : fail(failed)));
  // A manual trigger that declares inputs asks for them first.
  const start = () => {
    const trigger = Object.values(canvasNodes.current).find((node) => node.node_type === 'manual-trigger');
    const inputs = trigger?.form_values.inputs;
    if (Array.isArray(inputs) && inputs.length > 0) setAsking({ inputs: inputs as DeclaredInput[], error: null });
    else startWith();
  };
  const stop = () => call('GET', `workflow/${workflowId}/stop_execution/`).catch(fail);
  const again = (how: 'rewind' | 'fork') => {
    if (!openRun || !selected) return;
    call<{ task_id: string }>('POST', `runs/${openRun.task_id}/${how}/`, { node_id: selected })
      .then(() => { setOpenRun(null); setRefresh((n) => n + 1); setMessage(null); }).catch(fail);
  };

  const selectedNode = selected ? canvasNodes.current[selected] : undefined;
  const running = ['PENDING', 'STARTED', 'WAITING'].includes(run.status);

  return (
    <div className="editor">
      <Palette types={types} />
      <div className="canvas" onDrop={onDrop} onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }}>
        <div className="canvas-bar">
          <strong>{canvas?.name}</strong>
          <span className={`run-status status-${run.status.toLowerCase()}`} data-testid="run-status">{run.status}</span>
          <span className="saving" data-testid="saving">{pending > 0 ? 'Saving…' : 'All changes saved'}</span>
          <span className="spacer" />
          <button className="primary" onClick={start} disabled={running}>Run</button>
          <button onClick={stop} disabled={!running}>Stop</button>
        </div>
        {message && <p className="error banner" role="alert">{message}</p>}
        {openRun && (
          <p className="banner viewing">Viewing run {openRun.task_id.slice(0, 8)}… ({openRun.status})
            <button onClick={() => setOpenRun(null)}>Back to live</button></p>
        )}
        {canvas && <ReactFlow nodes={shownNodes} edges={shownEdges} nodeTypes={NODE_TYPES}
                   onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} onConnect={onConnect}
                   onNodeDragStop={onNodeDragStop} onNodesDelete={onNodesDelete} onEdgesDelete={onEdgesDelete}
                   onSelectionChange={({ nodes: picked }) => setSelected(picked.length === 1 ? picked[0].id : null)}
                   deleteKeyCode={['Delete', 'Backspace']} defaultViewport={{ x: 0, y: 0, zoom: 1 }}
                   fitView={canvas.nodes.length > 0} fitViewOptions={{ maxZoom: 1 }}>
          <Background />
          <MiniMap pannable zoomable />
          <Controls />
        </ReactFlow>}
      </div>
      {asking && <RunInputs inputs={asking.inputs} error={asking.error} onRun={startWith} onCancel={() => setAsking(null)} />}
      <aside className="panel">
        {selectedNode && (
          <>
            <NodePanel workflowId={workflowId} node={selectedNode} type={types.find((t) => t.key === selectedNode.node_type)}
                       onSaved={(saved) => {
                         canvasNodes.current[saved.id] = saved;
                         setNodes((current) => current.map((node) => node.id === saved.id
                           ? { ...node, data: { ...node.data, name: saved.name, routes: saved.routes } } : node));
                       }} />
            {openRun && (
              <div className="run-actions">
                <button onClick={() => again('rewind')}>Rewind from here</button>
                <button onClick={() => again('fork')}>Fork from here</button>
              </div>
            )}
            <Inspector workflowId={workflowId} nodeId={selectedNode.id} taskId={openRun?.task_id ?? run.taskId}
                       refresh={refresh} />
          </>
        )}
        <RunsPanel workflowId={workflowId} refresh={refresh} openRunId={openRun?.task_id ?? null} onOpen={setOpenRun} />
      </aside>
    </div>
  );
}

/** A secret comes back masked; a pasted node gets no secret rather than the mask as its value. */
function withoutMaskedSecrets(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '********'));
}
