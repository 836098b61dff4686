// Maps the server's canvas to React Flow's nodes and edges, and run events to node states.
import type { Edge, Node } from '@xyflow/react';
import type { Canvas, CanvasEdge, CanvasNode } from './api';
import { NODE_SIZE_BEFORE_DRAWN, handlesOf } from './canvasView';
import type { WaitRequest } from './llmRun';

export type NodeState = 'idle' | 'running' | 'completed' | 'failed' | 'skipped' | 'waiting';

/** Where one node stands in the run on show: its state, the route it took, how often it ran and for how long. */
export interface NodeRunState {
  state: NodeState;
  route?: string;
  /** The attempt shown: 2 or more after retries. */
  attempt?: number;
  /** Wall time of the shown attempt, once it finished. */
  durationMs?: number;
  /** When the running attempt started (the event's timestamp), to time it when it finishes. */
  startedAt?: string;
}

export type NodeStates = Record<string, NodeRunState>;

export interface NodeData extends Record<string, unknown> {
  name: string;
  nodeType: string;
  /** The node type's palette category (trigger, action, logic): the colour of the node's stripe. */
  category?: string;
  /** Skipped in runs: its input passes through. */
  disabled?: boolean;
  /** Its output is pinned: development runs use it instead of running the node. */
  pinned?: boolean;
  routes: string[];
  state: NodeState;
  route?: string;
  attempt?: number;
  durationMs?: number;
}

const EDGE_GRAB_PX = 8;

type CategoryOf = (nodeType: string) => string | undefined;

export function toFlow(
  canvas: Canvas,
  categoryOf: CategoryOf = () => undefined,
): { nodes: Node<NodeData>[]; edges: Edge[] } {
  return { nodes: canvas.nodes.map((node) => toFlowNode(node, categoryOf)), edges: canvas.edges.map(toFlowEdge) };
}

export function toFlowNode(node: CanvasNode, categoryOf: CategoryOf = () => undefined): Node<NodeData> {
  return {
    id: node.id,
    type: 'workflowNode',
    position: node.position,
    initialWidth: NODE_SIZE_BEFORE_DRAWN.width,
    initialHeight: NODE_SIZE_BEFORE_DRAWN.height,
    handles: handlesOf(node.routes.length ? node.routes : ['default']),
    data: {
      name: node.name,
      nodeType: node.node_type,
      category: categoryOf(node.node_type),
      disabled: node.disabled,
      pinned: isPinned(node),
      routes: node.routes,
      state: 'idle',
    },
  };
}

export function isPinned(node: CanvasNode): boolean {
  return node.pinned_output !== null && node.pinned_output !== undefined;
}

/** The names of the nodes whose edges lead into the node, in the order of the edges. */
export function sourceNames(nodeId: string, edges: Edge[], nodes: Record<string, CanvasNode>): string[] {
  return edges.filter((edge) => edge.target === nodeId).map((edge) => nodes[edge.source]?.name ?? edge.source);
}

export function toFlowEdge(edge: CanvasEdge): Edge {
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.source_handle,
    target: edge.target,
    label: edge.source_handle === 'default' ? undefined : edge.source_handle,
    // React Flow's default 20 px grab area covered almost all the empty pane of a large graph,
    // so a drag there selected an edge instead of panning.
    interactionWidth: EDGE_GRAB_PX,
  };
}

export interface RunEvent {
  type: string;
  task_id?: string;
  node_id?: string;
  route?: string;
  error?: string;
  timestamp?: string;
}

const STATE_OF_EVENT: Record<string, NodeState> = {
  node_started: 'running',
  node_completed: 'completed',
  node_failed: 'failed',
  node_skipped: 'skipped',
  node_waiting: 'waiting',
};

/**
 * The node states after one event: a node event changes its node; workflow_started clears the last run's marks.
 * Each node_started is an attempt; the attempt's duration runs from its node_started to the event that ends it.
 */
export function applyEvent(states: NodeStates, event: RunEvent): NodeStates {
  if (event.type === 'workflow_started') return {};
  const state = STATE_OF_EVENT[event.type];
  if (!state || !event.node_id) return states;
  const before = states[event.node_id];
  if (state === 'running') {
    return { ...states, [event.node_id]: { state, attempt: (before?.attempt ?? 0) + 1, startedAt: event.timestamp } };
  }
  if (state === 'waiting') {
    // A wait is part of its attempt: the duration shown when it completes includes it.
    return { ...states, [event.node_id]: { state, attempt: before?.attempt ?? 1, startedAt: before?.startedAt } };
  }
  const durationMs =
    before?.startedAt && event.timestamp
      ? Math.max(0, Date.parse(event.timestamp) - Date.parse(before.startedAt))
      : undefined;
  return { ...states, [event.node_id]: { state, route: event.route, attempt: before?.attempt ?? 1, durationMs } };
}

/** How many nodes of the run on show are in each state, for the bar: `{ completed: 3, failed: 1 }`. */
export function countStates(states: NodeStates): Partial<Record<NodeState, number>> {
  const counts: Partial<Record<NodeState, number>> = {};
  Object.values(states).forEach(({ state }) => {
    counts[state] = (counts[state] ?? 0) + 1;
  });
  return counts;
}

/** A duration as people read it on a node: 840 ms, 2.4 s, 3 min 5 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Edges on a route the run took: from a completed (or error-routed) node, on the route it chose. */
export function takenEdges(edges: Edge[], states: NodeStates): Set<string> {
  return new Set(
    edges
      .filter((edge) => {
        const source = states[edge.source];
        return source !== undefined && source.route !== undefined && source.route === (edge.sourceHandle ?? 'default');
      })
      .map((edge) => edge.id),
  );
}

interface SyncedNode {
  node_id: string;
  /** A waiting human-input node's question to a person. */
  request?: WaitRequest;
  route?: string;
  attempt?: number;
  duration_seconds?: number;
  started_at?: string;
}

/** The state_sync message's state: where the workflow's latest run stands. */
export interface SyncState {
  task_id: string | null;
  status: string;
  task_status?: string;
  executing_nodes: Record<string, SyncedNode>;
  completed_nodes: SyncedNode[];
  failed_nodes?: SyncedNode[];
  waiting_nodes?: SyncedNode[];
  skipped_nodes?: string[];
}

/** Node states from a state_sync: the whole picture of the latest run, after a connect or a reconnect. */
export function syncStates(state: SyncState): NodeStates {
  const next: NodeStates = {};
  const timing = (node: SyncedNode) => ({
    attempt: node.attempt,
    durationMs: node.duration_seconds === undefined ? undefined : Math.round(node.duration_seconds * 1000),
  });
  (state.skipped_nodes ?? []).forEach((id) => {
    next[id] = { state: 'skipped' };
  });
  (state.failed_nodes ?? []).forEach((node) => {
    next[node.node_id] = { state: 'failed', route: node.route, ...timing(node) };
  });
  state.completed_nodes.forEach((node) => {
    next[node.node_id] = { state: node.route === 'error' ? 'failed' : 'completed', route: node.route, ...timing(node) };
  });
  (state.waiting_nodes ?? []).forEach((node) => {
    next[node.node_id] = { state: 'waiting', attempt: node.attempt };
  });
  Object.entries(state.executing_nodes).forEach(([id, node]) => {
    next[id] = { state: 'running', attempt: node.attempt, startedAt: node.started_at };
  });
  return next;
}

const RUN_STATUS_OF_EVENT: Record<string, string> = {
  workflow_started: 'STARTED',
  workflow_waiting: 'WAITING',
  workflow_completed: 'SUCCESS',
  workflow_failed: 'FAILURE',
  workflow_revoked: 'REVOKED',
  workflow_paused: 'PAUSED',
  workflow_resumed: 'STARTED',
};

/** The run status (as task_status names it) a workflow event announces, or undefined for a node event. */
export function runStatusOf(eventType: string): string | undefined {
  return RUN_STATUS_OF_EVENT[eventType];
}

const STATE_OF_STEP: Record<string, NodeState> = {
  RUNNING: 'running',
  SUCCESS: 'completed',
  FAILURE: 'failed',
  SKIPPED: 'skipped',
  WAITING: 'waiting',
  REVOKED: 'failed',
};

/** Node states of a finished (or running) run from its node executions: the latest attempt of each node counts. */
export interface StoredStep {
  node_id: string;
  status: string;
  route: string | null;
  attempt: number;
  duration_ms?: number | null;
}

export function statesOfRun(executions: StoredStep[]): NodeStates {
  const latest = new Map<string, StoredStep>();
  executions.forEach((step) => {
    const seen = latest.get(step.node_id);
    if (!seen || step.attempt >= seen.attempt) latest.set(step.node_id, step);
  });
  const states: NodeStates = {};
  latest.forEach((step, nodeId) => {
    states[nodeId] = {
      state: STATE_OF_STEP[step.status] ?? 'idle',
      route: step.route ?? undefined,
      attempt: step.attempt,
      durationMs: step.duration_ms ?? undefined,
    };
  });
  return states;
}

/** The nodes a node can read in its expressions (`nodes['Name'].output`): all that run before it, nearest first. */
export function ancestorsOf(nodeId: string, edges: { source: string; target: string }[]): string[] {
  const sourcesOf = new Map<string, string[]>();
  edges.forEach((edge) => sourcesOf.set(edge.target, [...(sourcesOf.get(edge.target) ?? []), edge.source]));
  const found: string[] = [];
  const seen = new Set([nodeId]);
  for (let i = -1; i < found.length; i++) {
    for (const source of sourcesOf.get(i < 0 ? nodeId : found[i]) ?? []) {
      if (!seen.has(source)) {
        seen.add(source);
        found.push(source);
      }
    }
  }
  return found;
}
