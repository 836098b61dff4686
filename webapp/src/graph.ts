// Maps the server's canvas to React Flow's nodes and edges, and run events to node states.
import type { Edge, Node } from '@xyflow/react';
import type { Canvas } from './api';

export type NodeState = 'idle' | 'running' | 'completed' | 'failed' | 'skipped' | 'waiting';

export interface NodeData extends Record<string, unknown> {
  name: string;
  nodeType: string;
  routes: string[];
  state: NodeState;
  route?: string;
}

export function toFlow(canvas: Canvas): { nodes: Node<NodeData>[]; edges: Edge[] } {
  return {
    nodes: canvas.nodes.map((node) => ({
      id: node.id,
      type: 'workflowNode',
      position: node.position,
      data: { name: node.name, nodeType: node.node_type, routes: node.routes, state: 'idle' },
    })),
    edges: canvas.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.source_handle,
      target: edge.target,
      label: edge.source_handle === 'default' ? undefined : edge.source_handle,
    })),
  };
}

export interface RunEvent {
  type: string;
  task_id?: string;
  node_id?: string;
  route?: string;
  error?: string;
}

const STATE_OF_EVENT: Record<string, NodeState> = {
  node_started: 'running',
  node_completed: 'completed',
  node_failed: 'failed',
  node_skipped: 'skipped',
  node_waiting: 'waiting',
};

/** The node states after one event: a node event changes its node; workflow_started clears the last run's marks. */
export function applyEvent(states: Record<string, { state: NodeState; route?: string }>, event: RunEvent) {
  if (event.type === 'workflow_started') return {};
  const state = STATE_OF_EVENT[event.type];
  if (!state || !event.node_id) return states;
  return { ...states, [event.node_id]: { state, route: event.route } };
}

/** Edges on a route the run took: from a completed (or error-routed) node, on the route it chose. */
export function takenEdges(edges: Edge[], states: Record<string, { state: NodeState; route?: string }>): Set<string> {
  return new Set(edges.filter((edge) => {
    const source = states[edge.source];
    return source !== undefined && source.route !== undefined && source.route === (edge.sourceHandle ?? 'default');
  }).map((edge) => edge.id));
}

interface SyncedNode { node_id: string; route?: string }

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
export function syncStates(state: SyncState): Record<string, { state: NodeState; route?: string }> {
  const next: Record<string, { state: NodeState; route?: string }> = {};
  (state.skipped_nodes ?? []).forEach((id) => { next[id] = { state: 'skipped' }; });
  (state.failed_nodes ?? []).forEach((node) => { next[node.node_id] = { state: 'failed', route: node.route }; });
  state.completed_nodes.forEach((node) => {
    next[node.node_id] = { state: node.route === 'error' ? 'failed' : 'completed', route: node.route };
  });
  (state.waiting_nodes ?? []).forEach((node) => { next[node.node_id] = { state: 'waiting' }; });
  Object.keys(state.executing_nodes).forEach((id) => { next[id] = { state: 'running' }; });
  return next;
}

const RUN_STATUS_OF_EVENT: Record<string, string> = {
  workflow_started: 'STARTED',
  workflow_waiting: 'WAITING',
  workflow_completed: 'SUCCESS',
  workflow_failed: 'FAILURE',
  workflow_revoked: 'REVOKED',
};

/** The run status (as task_status names it) a workflow event announces, or undefined for a node event. */
export function runStatusOf(eventType: string): string | undefined {
  return RUN_STATUS_OF_EVENT[eventType];
}

const STATE_OF_STEP: Record<string, NodeState> = {
  RUNNING: 'running', SUCCESS: 'completed', FAILURE: 'failed', SKIPPED: 'skipped', WAITING: 'waiting', REVOKED: 'failed',
};

/** Node states of a finished (or running) run from its node executions: the latest attempt of each node counts. */
export function statesOfRun(executions: { node_id: string; status: string; route: string | null; attempt: number }[]) {
  const latest = new Map<string, { status: string; route: string | null; attempt: number }>();
  executions.forEach((step) => {
    const seen = latest.get(step.node_id);
    if (!seen || step.attempt >= seen.attempt) latest.set(step.node_id, step);
  });
  const states: Record<string, { state: NodeState; route?: string }> = {};
  latest.forEach((step, nodeId) => {
    states[nodeId] = { state: STATE_OF_STEP[step.status] ?? 'idle', route: step.route ?? undefined };
  });
  return states;
}
