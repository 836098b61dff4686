import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  addEdge,
  useEdgesState,
  type Connection,
  type Edge,
  type Node,
} from '@xyflow/react';
import { call, send, type Canvas, type CanvasEdge, type CanvasNode, type NodeTypeInfo } from './api';
import {
  ancestorsOf,
  countStates,
  isPinned,
  sourceNames,
  statesOfRun,
  takenEdges,
  toFlow,
  toFlowEdge,
  toFlowNode,
  type NodeData,
} from './graph';
import { STATE_MINIMAP } from './stateColours';
import {
  UndoHistory,
  restoreBody,
  snapshotOf,
  withEdge,
  withNode,
  withPosition,
  without,
  type CanvasSnapshot,
} from './history';
import { WorkflowNodeView } from './WorkflowNodeView';
import { NoteNodeView } from './NoteNodeView';
import { useNotes } from './useNotes';
import { useTidyUp } from './useTidyUp';
import { CanvasBar } from './CanvasBar';
import {
  DEFAULT_VIEWPORT,
  DELETE_KEYS,
  FIT_VIEW,
  MIN_ZOOM,
  OVERVIEW_START,
  capturePaneDrag,
  useFlowNodes,
} from './canvasView';
import { useOverview } from './OverviewLayer';
import { Palette } from './Palette';
import { NodePanel } from './NodePanel';
import { Inspector } from './Inspector';
import { RunsPanel, usageOf, type RunDetail } from './RunsPanel';
import { RunInputs } from './RunInputs';
import { useRunControls } from './useRunControls';
import { useCopyPasteUndo } from './useCopyPasteUndo';
import { useSaveQueue } from './useSaveQueue';
import { useLiveRun } from './useLiveRun';
import { useFailure } from './useFailure';
import { HumanInputPanel } from './HumanInputPanel';
import { waitsOfRun, type WaitingStep } from './llmRun';
import { useWorkflowRole } from './useWorkflowRole';
import { useCanvasKeyboard } from './useCanvasKeyboard';
import type { Workspace } from './workspaces';

interface Props {
  workflowId: string;
  onClose: () => void;
  onUnauthorized: () => void;
  /** The token's workspaces with its role in each: a viewer's canvas offers no change and no run. */
  workspaces?: Workspace[];
}

const NODE_TYPES = { workflowNode: WorkflowNodeView, note: NoteNodeView };

export function Editor(props: Props) {
  return (
    <ReactFlowProvider>
      <EditorCanvas {...props} />
    </ReactFlowProvider>
  );
}

/** One workflow on the canvas: every change is saved as it is made; runs show live through the WebSocket. */
function EditorCanvas({ workflowId, onUnauthorized, workspaces }: Props) {
  const readOnly = useWorkflowRole(workflowId, workspaces) === 'viewer';
  const [canvas, setCanvas] = useState<Canvas | null>(null);
  const [types, setTypes] = useState<NodeTypeInfo[]>([]);
  const [nodes, setNodes, onNodesChange] = useFlowNodes<Node<NodeData>>();
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [openRun, setOpenRun] = useState<RunDetail | null>(null);
  // The nodes as the server last answered them, with their form values: what the panel edits and a copy takes.
  const [canvasNodes, setCanvasNodes] = useState<Record<string, CanvasNode>>({});
  const categories = useRef<Record<string, string>>({});
  const categoryOf = useCallback((nodeType: string) => categories.current[nodeType], []);
  const history = useRef(new UndoHistory({ nodes: [], edges: [] }));
  // The history changes inside saves, outside any render: the buttons show what it allowed when it last changed.
  const [undoable, setUndoable] = useState({ back: false, forward: false });
  const historyChanged = useCallback(
    () => setUndoable({ back: history.current.canUndo, forward: history.current.canRedo }),
    [],
  );

  const fail = useFailure(onUnauthorized, setMessage);
  const {
    states,
    streams,
    waiting,
    run,
    connection,
    runChanges,
    started,
    statusIs,
    waitsFound,
    answered,
    runsChanged,
  } = useLiveRun(workflowId, setMessage, onUnauthorized);

  // A wait the socket did not report (the page opened after it, on a server that does not sync it) is read
  // from the run's stored steps, when the run comes to wait; not when a person's answer just ended a wait
  // (the step may still read WAITING for a moment).
  const knowsWaits = useEffectEvent(() => Object.keys(waiting).length > 0);
  useEffect(() => {
    if (run.status !== 'WAITING' || !run.taskId || knowsWaits()) return;
    call<{ node_executions: WaitingStep[] }>('GET', `runs/${run.taskId}/`)
      .then((detail) => waitsFound(waitsOfRun(detail.node_executions)))
      .catch(() => undefined);
  }, [run.status, run.taskId, runChanges, waitsFound]);

  /** Puts a canvas the server answered on the screen, replacing what was there. */
  const show = useCallback(
    (shown: Canvas) => {
      setCanvas(shown);
      setCanvasNodes(Object.fromEntries(shown.nodes.map((node) => [node.id, node])));
      const flow = toFlow(shown, categoryOf);
      setNodes(flow.nodes);
      setEdges(flow.edges);
    },
    [setNodes, setEdges, categoryOf],
  );

  useEffect(() => {
    Promise.all([
      call<Canvas>('GET', `workflow/${workflowId}/canvas_data/`),
      call<{ node_types: NodeTypeInfo[] }>('GET', 'nodes/'),
    ])
      .then(([loaded, catalogue]) => {
        setTypes(catalogue.node_types);
        categories.current = Object.fromEntries(catalogue.node_types.map((type) => [type.key, type.category]));
        show(loaded);
        history.current.reset(snapshotOf(loaded));
        historyChanged();
      })
      .catch(fail);
  }, [workflowId, fail, show, historyChanged]);

  // An opened run shows its stored results instead of the live ones.
  const shownStates = useMemo(() => (openRun ? statesOfRun(openRun.node_executions) : states), [openRun, states]);
  const shownNodes = useMemo(
    () =>
      nodes.map((node) => {
        const state = shownStates[node.id];
        return state || node.data.state !== 'idle'
          ? {
              ...node,
              data: {
                ...node.data,
                state: state?.state ?? 'idle',
                route: state?.route,
                attempt: state?.attempt,
                durationMs: state?.durationMs,
              },
            }
          : node;
      }),
    [nodes, shownStates],
  );
  const counts = useMemo(() => countStates(shownStates), [shownStates]);
  const shownEdges = useMemo(() => {
    const taken = takenEdges(edges, shownStates);
    // An edge the run did not change stays the same object: React Flow then skips it (1,500 edges per event).
    return edges.map((edge) =>
      taken.has(edge.id) === Boolean(edge.animated)
        ? edge
        : { ...edge, animated: taken.has(edge.id), className: taken.has(edge.id) ? 'taken' : undefined },
    );
  }, [edges, shownStates]);

  const clearMessage = useCallback(() => setMessage(null), []);
  const { change, pending, unsaved, clearUnsaved } = useSaveQueue(fail, clearMessage, historyChanged);
  const path = useCallback((rest: string) => `workflow/${workflowId}/${rest}`, [workflowId]);

  const postNode = useCallback(
    async (spec: Record<string, unknown>) => {
      const node = await call<CanvasNode>('POST', path('nodes/add/'), spec);
      setCanvasNodes((current) => ({ ...current, [node.id]: node }));
      setNodes((current) => current.concat(toFlowNode(node, categoryOf)));
      return node;
    },
    [path, setNodes, categoryOf],
  );
  const postEdge = useCallback(
    async (source: string, sourceHandle: string, target: string) => {
      const edge = await call<CanvasEdge>('POST', path('edges/add/'), { source, source_handle: sourceHandle, target });
      setEdges((current) => addEdge(toFlowEdge(edge), current));
      return edge;
    },
    [path, setEdges],
  );

  /** Runs a change made of several calls as one step in the history: what was saved is recorded even if a call failed. */
  const step = useCallback(
    (work: (saved: { snapshot: CanvasSnapshot }) => Promise<void>, shownBeforeSaved = false) =>
      change(async () => {
        const saved = { snapshot: history.current.now };
        try {
          await work(saved);
        } finally {
          if (saved.snapshot !== history.current.now) history.current.record(saved.snapshot);
        }
      }, shownBeforeSaved).catch(() => undefined),
    [change],
  );

  const keyboard = useCanvasKeyboard({ readOnly, step, postNode, postEdge, canvasNodes });

  const onConnect = useCallback(
    (connection: Connection) => {
      step(async (saved) => {
        saved.snapshot = withEdge(
          saved.snapshot,
          await postEdge(connection.source, connection.sourceHandle ?? 'default', connection.target),
        );
      });
    },
    [postEdge, step],
  );

  // A drag of several selected nodes moves them all: one step to undo.
  const onNodeDragStop = useCallback(
    (_: unknown, _node: Node, dragged: Node[]) => {
      step(async (saved) => {
        for (const node of dragged) {
          await call('PATCH', path(`nodes/${node.id}/position/`), { position: node.position });
          saved.snapshot = withPosition(saved.snapshot, node.id, node.position);
        }
      }, true);
    },
    [path, step],
  );

  // The Delete key removes the selected nodes and edges; a node's edges go with it on the server.
  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: Node[]; edges: Edge[] }) => {
      const nodeIds = new Set(gone.map((node) => node.id));
      step(async (saved) => {
        for (const edge of cut.filter((each) => !nodeIds.has(each.source) && !nodeIds.has(each.target))) {
          await call('DELETE', path(`edges/${edge.id}/remove/`));
          saved.snapshot = without(saved.snapshot, new Set(), new Set([edge.id]));
        }
        for (const node of gone) {
          await call('DELETE', path(`nodes/${node.id}/remove/`));
          setCanvasNodes((current) => {
            const kept = { ...current };
            delete kept[node.id];
            return kept;
          });
          saved.snapshot = without(saved.snapshot, new Set([node.id]), new Set());
        }
      }, true);
    },
    [path, step],
  );

  const notes = useNotes({ canvas, path, step, readOnly, onNodesChange, onNodeDragStop, onDelete });
  const overview = useOverview(shownNodes, shownEdges);
  const flowNodes = useMemo(
    () => (notes.nodes as Node[]).concat(overview.flowNodes),
    [notes.nodes, overview.flowNodes],
  );
  const tidy = useTidyUp({ path, change, show, history });

  // Undo and redo put the whole canvas of that point back on the server (ids kept), then show the answer.
  const travel = useCallback(
    (direction: 'back' | 'forward') =>
      change(async () => {
        const target = direction === 'back' ? history.current.previous() : history.current.next();
        if (!target) return;
        const server = await call<Canvas>('GET', path('canvas_data/'));
        const restored = await call<Canvas>(
          'PUT',
          path('canvas_data/'),
          restoreBody(target, server.version, new Set(server.nodes.map((node) => node.id))),
        );
        history.current.moved(direction, snapshotOf(restored));
        show(restored);
        setSelected(null);
      }).catch(() => undefined),
    [change, path, show],
  );

  useCopyPasteUndo({ nodes, edges, canvasNodes, postNode, postEdge, step, travel, readOnly });

  const runs = useRunControls({
    workflowId,
    canvasNodes,
    run,
    openRun,
    selected,
    started,
    statusIs,
    runsChanged,
    showLive: () => setOpenRun(null),
    done: clearMessage,
    fail,
  });

  const onSelectionChange = useCallback(
    ({ nodes: picked }: { nodes: Node[] }) => setSelected(picked.length === 1 ? picked[0].id : null),
    [],
  );
  const selectedNode = selected ? canvasNodes[selected] : undefined;
  const nodeSaved = (saved: CanvasNode) => {
    setCanvasNodes((current) => ({ ...current, [saved.id]: saved }));
    history.current.record(withNode(history.current.now, saved));
    historyChanged();
    const data = { name: saved.name, routes: saved.routes, disabled: saved.disabled, pinned: isPinned(saved) };
    setNodes((current) =>
      current.map((node) => (node.id === saved.id ? { ...node, data: { ...node.data, ...data } } : node)),
    );
  };
  // Not on every render: a drag re-renders the editor at each move. Names are read each time (a rename).
  const upstreamIds = useMemo(() => (selected ? ancestorsOf(selected, edges) : []), [selected, edges]);
  const upstream = upstreamIds.map((id) => canvasNodes[id]).filter(Boolean);
  const exportAs = (format: 'yaml' | 'json') =>
    send('GET', `workflow/${workflowId}/export/?format=${format}`)
      .then((text) => download(`${canvas?.name ?? workflowId}.${format}`, text, format))
      .catch(fail);
  // After a failed save: the server's canvas replaces what is on the screen.
  const reload = () =>
    call<Canvas>('GET', path('canvas_data/'))
      .then((loaded) => {
        show(loaded);
        history.current.reset(snapshotOf(loaded));
        historyChanged();
        clearUnsaved();
        setMessage(null);
      })
      .catch(fail);
  // The first waiting node the person can answer: the selected one if it waits, else any.
  const waitingIds = Object.keys(waiting);
  const waitingNode = selected && waiting[selected] ? selected : waitingIds[0];

  return (
    <div className="editor">
      {!readOnly && <Palette types={types} onAdd={keyboard.addFromPalette} />}
      <div
        className="canvas"
        onKeyDownCapture={keyboard.onCanvasKeyDown}
        onDrop={keyboard.onDrop}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
        }}
      >
        <CanvasBar
          name={canvas?.name}
          readOnly={readOnly}
          runStatus={run.status}
          counts={counts}
          connection={connection}
          saving={{ pending, unsaved }}
          onReload={reload}
          undoable={undoable}
          onTravel={travel}
          onAddNote={notes.add}
          onTidy={tidy}
          onExport={exportAs}
          runs={runs}
        />
        {message && (
          <p className="error banner" role="alert">
            {message}
          </p>
        )}
        {openRun && (
          <p className="banner viewing">
            Viewing run {openRun.task_id.slice(0, 8)}… ({openRun.status}){usageOf(openRun) && ` · ${usageOf(openRun)}`}
            <button onClick={() => setOpenRun(null)}>Back to live</button>
          </p>
        )}
        {waitingNode && run.taskId && !openRun && (
          <HumanInputPanel
            key={`${run.taskId}:${waitingNode}`}
            taskId={run.taskId}
            nodeId={waitingNode}
            name={canvasNodes[waitingNode]?.name ?? waitingNode}
            request={waiting[waitingNode]}
            onAnswered={answered}
          />
        )}
        {canvas && (
          <ReactFlow
            nodes={flowNodes}
            edges={overview.flowEdges}
            nodeTypes={NODE_TYPES}
            onPointerDown={capturePaneDrag}
            onNodesChange={notes.onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onNodeDragStop={notes.onNodeDragStop}
            onDelete={notes.onDelete}
            onSelectionChange={onSelectionChange}
            deleteKeyCode={readOnly || overview.overview ? null : DELETE_KEYS}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            defaultViewport={overview.large ? OVERVIEW_START : DEFAULT_VIEWPORT}
            fitView={!overview.large && canvas.nodes.length > 0}
            onInit={overview.onInit}
            fitViewOptions={FIT_VIEW}
            minZoom={MIN_ZOOM}
            onlyRenderVisibleElements={overview.large}
            onPaneClick={overview.onPaneClick}
          >
            <Background />
            {overview.layer}
            {!overview.overview && <MiniMap pannable zoomable nodeColor={minimapColor} />}
            <Controls />
          </ReactFlow>
        )}
      </div>
      {runs.asking && (
        <RunInputs
          inputs={runs.asking.inputs}
          error={runs.asking.error}
          onRun={runs.startWith}
          onCancel={runs.cancelAsking}
        />
      )}
      <aside className="panel" onKeyDown={keyboard.onPanelKeyDown}>
        {selectedNode && (
          <>
            {/* A disabled fieldset disables every field and button of the panel: a viewer reads the settings. */}
            <fieldset className="plain" disabled={readOnly}>
              <NodePanel
                workflowId={workflowId}
                node={selectedNode}
                type={types.find((t) => t.key === selectedNode.node_type)}
                upstream={upstream}
                onSaved={nodeSaved}
              />
            </fieldset>
            {openRun && !readOnly && (
              <div className="run-actions">
                <button onClick={() => runs.again('rewind')}>Rewind from here</button>
                <button onClick={() => runs.again('fork')}>Fork from here</button>
              </div>
            )}
            <Inspector
              workflowId={workflowId}
              nodeId={selectedNode.id}
              taskId={openRun?.task_id ?? run.taskId}
              refresh={runChanges}
              stream={openRun ? undefined : streams[selectedNode.id]}
              liveState={openRun ? undefined : states[selectedNode.id]?.state}
              readOnly={readOnly}
              node={selectedNode}
              sources={sourceNames(selectedNode.id, edges, canvasNodes)}
              onPinned={nodeSaved}
            />
          </>
        )}
        <RunsPanel workflowId={workflowId} openRunId={openRun?.task_id ?? null} onOpen={setOpenRun} />
      </aside>
    </div>
  );
}

/** Saves a text as a file the browser downloads. */
function download(fileName: string, text: string, format: 'yaml' | 'json') {
  const url = URL.createObjectURL(
    new Blob([text], { type: format === 'yaml' ? 'application/yaml' : 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** The minimap shows the run too: a large graph's progress at a glance. */
function minimapColor(node: Node<NodeData>): string {
  return STATE_MINIMAP[node.data.state] ?? '#ffec99';
}
