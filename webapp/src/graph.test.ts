import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  applyEvent,
  countStates,
  formatDuration,
  runStatusOf,
  statesOfRun,
  syncStates,
  takenEdges,
  toFlow,
} from './graph';

const canvas = {
  id: 'w',
  name: 'W',
  version: 3,
  active: false,
  nodes: [
    {
      id: 'a',
      node_type: 'condition',
      name: 'Big',
      position: { x: 1, y: 2 },
      form_values: {},
      routes: ['true', 'false'],
    },
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
      ['a', { x: 1, y: 2 }, ['true', 'false']],
      ['b', { x: 3, y: 4 }, ['default']],
      ['c', { x: 5, y: 6 }, ['default']],
    ]);
    expect(flow.edges.map((edge) => [edge.sourceHandle, edge.label])).toEqual([
      ['true', 'true'],
      ['false', 'false'],
    ]);
    expect(
      toFlow(canvas, (type) => (type === 'condition' ? 'logic' : 'action')).nodes.map((node) => node.data.category),
    ).toEqual(['logic', 'action', 'action']);
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
    ])
      states = applyEvent(states, event);
    expect(states).toEqual({
      a: { state: 'completed', route: 'true', attempt: 1 },
      c: { state: 'skipped', attempt: 1 },
    });
    expect([...takenEdges(toFlow(canvas).edges, states)]).toEqual(['e1']);
  });

  it('time each attempt from its node_started and count the attempts', () => {
    let states = {};
    for (const event of [
      { type: 'node_started', node_id: 'a', timestamp: '2026-11-30T10:00:00.000Z' },
      { type: 'node_failed', node_id: 'a', timestamp: '2026-11-30T10:00:00.250Z' },
      { type: 'node_started', node_id: 'a', timestamp: '2026-11-30T10:00:01.000Z' },
      { type: 'node_completed', node_id: 'a', route: 'default', timestamp: '2026-11-30T10:00:03.400Z' },
    ])
      states = applyEvent(states, event);
    expect(states).toEqual({ a: { state: 'completed', route: 'default', attempt: 2, durationMs: 2400 } });
    expect(countStates({ ...states, b: { state: 'failed' }, c: { state: 'completed' } })).toEqual({
      completed: 2,
      failed: 1,
    });
    for (const event of [
      { type: 'node_started', node_id: 'w', timestamp: '2026-11-30T10:00:00.000Z' },
      { type: 'node_waiting', node_id: 'w', timestamp: '2026-11-30T10:00:00.010Z' },
      { type: 'node_completed', node_id: 'w', route: 'default', timestamp: '2026-11-30T10:00:02.010Z' },
    ])
      states = applyEvent(states, event);
    expect(states).toHaveProperty('w', { state: 'completed', route: 'default', attempt: 1, durationMs: 2010 });
  });

  it('read as people read durations', () => {
    expect([12.4, 999, 2400, 15_000, 185_000].map(formatDuration)).toEqual([
      '12 ms',
      '999 ms',
      '2.4 s',
      '15 s',
      '3 min 5 s',
    ]);
  });

  it('a new run clears the marks of the last one', () => {
    expect(applyEvent({ a: { state: 'failed' } }, { type: 'workflow_started' })).toEqual({});
  });
});

describe('state_sync', () => {
  it('gives every node of the latest run its state, the route included', () => {
    expect(
      syncStates({
        task_id: 't',
        status: 'running',
        task_status: 'STARTED',
        executing_nodes: { c: { node_id: 'c', attempt: 1, started_at: '2026-11-30T10:00:00Z' } },
        completed_nodes: [
          { node_id: 'a', route: 'true', attempt: 2, duration_seconds: 0.0125 },
          { node_id: 'h', route: 'error' },
        ],
        skipped_nodes: ['b'],
        waiting_nodes: [],
        failed_nodes: [{ node_id: 'h', route: 'error' }],
      }),
    ).toEqual({
      a: { state: 'completed', route: 'true', attempt: 2, durationMs: 13 },
      b: { state: 'skipped' },
      c: { state: 'running', attempt: 1, startedAt: '2026-11-30T10:00:00Z' },
      h: { state: 'failed', route: 'error' },
    });
  });

  it('names run statuses as task_status does', () => {
    expect(['workflow_completed', 'workflow_failed', 'node_started'].map(runStatusOf)).toEqual([
      'SUCCESS',
      'FAILURE',
      undefined,
    ]);
  });
});

describe('a stored run', () => {
  it('shows the latest attempt of each node', () => {
    expect(
      statesOfRun([
        { node_id: 'a', status: 'FAILURE', route: null, attempt: 1 },
        { node_id: 'a', status: 'SUCCESS', route: 'true', attempt: 2, duration_ms: 31 },
        { node_id: 'c', status: 'SKIPPED', route: null, attempt: 1, duration_ms: null },
      ]),
    ).toEqual({
      a: { state: 'completed', route: 'true', attempt: 2, durationMs: 31 },
      c: { state: 'skipped', attempt: 1 },
    });
  });
});

describe('ancestorsOf', () => {
  it('finds every node upstream, nearest first, once each, and stops at the triggers', () => {
    const edges = [
      { source: 't', target: 'a' },
      { source: 'a', target: 'b' },
      { source: 'a', target: 'c' },
      { source: 'b', target: 'd' },
      { source: 'c', target: 'd' },
      { source: 'd', target: 'e' },
    ];
    expect(ancestorsOf('d', edges)).toEqual(['b', 'c', 'a', 't']);
    expect(ancestorsOf('t', edges)).toEqual([]);
    expect(ancestorsOf('e', edges)).not.toContain('e');
  });
});
