import { describe, expect, it } from 'vitest';
import { applyEvent, runStatusOf, statesOfRun, syncStates, takenEdges, toFlow } from './graph';

const canvas = {
  id: 'w', name: 'W', version: 3, active: false,
  nodes: [
    { id: 'a', node_type: 'condition', name: 'Big', position: { x: 1, y: 2 }, form_values: {}, routes: ['true', 'false'] },
    { id: 'b', node_type: 'transform', name: 'Yes', position: { x: 3, y: 4 }, form_values: {}, routes: ['default'] },
    { id: 'c', node_type: 'transform', name: 'No', position: { x: 5, y: 6 }, form_values: {}, routes: ['default'] },
  ],
  edges: [
    { id: 'e1', source: 'a', source_handle: 'true', target: 'b' },
    { id: 'e2', source: 'a', source_handle: 'false', target: 'c' },
  ],
};

describe('toFlow', () => {
  it('keeps ids, positions and routes, and labels edges by their route', () => {
    const flow = toFlow(canvas);
    expect(flow.nodes.map((node) => [node.id, node.position, node.data.routes])).toEqual([
      ['a', { x: 1, y: 2 }, ['true', 'false']], ['b', { x: 3, y: 4 }, ['default']], ['c', { x: 5, y: 6 }, ['default']]]);
    expect(flow.edges.map((edge) => [edge.sourceHandle, edge.label])).toEqual([['true', 'true'], ['false', 'false']]);
  });
});

describe('run events', () => {
  it('mark nodes as they go, and only the taken route lights up', () => {
    let states = {};
    for (const event of [
      { type: 'workflow_started' },
      { type: 'node_started', node_id: 'a' },
      { type: 'node_completed', node_id: 'a', route: 'true' },
      { type: 'node_skipped', node_id: 'c' },
    ]) states = applyEvent(states, event);
    expect(states).toEqual({ a: { state: 'completed', route: 'true' }, c: { state: 'skipped', route: undefined } });
    expect([...takenEdges(toFlow(canvas).edges, states)]).toEqual(['e1']);
  });

  it('a new run clears the marks of the last one', () => {
    expect(applyEvent({ a: { state: 'failed' } }, { type: 'workflow_started' })).toEqual({});
  });
});

describe('state_sync', () => {
  it('gives every node of the latest run its state, the route included', () => {
    expect(syncStates({
      task_id: 't', status: 'running', task_status: 'STARTED',
      executing_nodes: { c: { node_id: 'c' } },
      completed_nodes: [{ node_id: 'a', route: 'true' }, { node_id: 'h', route: 'error' }],
      skipped_nodes: ['b'],
      waiting_nodes: [],
      failed_nodes: [{ node_id: 'h', route: 'error' }],
    })).toEqual({
      a: { state: 'completed', route: 'true' }, b: { state: 'skipped' }, c: { state: 'running' },
      h: { state: 'failed', route: 'error' },
    });
  });

  it('names run statuses as task_status does', () => {
    expect(['workflow_completed', 'workflow_failed', 'node_started'].map(runStatusOf)).toEqual(['SUCCESS', 'FAILURE', undefined]);
  });
});

describe('a stored run', () => {
  it('shows the latest attempt of each node', () => {
    expect(statesOfRun([
      { node_id: 'a', status: 'FAILURE', route: null, attempt: 1 },
      { node_id: 'a', status: 'SUCCESS', route: 'true', attempt: 2 },
      { node_id: 'c', status: 'SKIPPED', route: null, attempt: 1 },
    ])).toEqual({ a: { state: 'completed', route: 'true' }, c: { state: 'skipped', route: undefined } });
  });
});
