import { describe, expect, it } from 'vitest';
import {
  MASKED_SECRET,
  UndoHistory,
  restoreBody,
  snapshotOf,
  withEdge,
  withNode,
  withPosition,
  without,
} from './history';

const node = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  node_type: 'transform',
  name: `Node ${id}`,
  position: { x: 0, y: 0 },
  form_values: {},
  routes: ['default'],
  input_data: { big: 'payload' },
  output_data: null,
  ...extra,
});
const start = snapshotOf({
  nodes: [node('a'), node('b')],
  edges: [{ id: 'e1', source: 'a', source_handle: 'default', target: 'b' }],
});

describe('canvas snapshots', () => {
  it('keep what the user set and leave out what the server derives', () => {
    expect(start.nodes[0]).toEqual({
      id: 'a',
      node_type: 'transform',
      name: 'Node a',
      position: { x: 0, y: 0 },
      form_values: {},
    });
    expect(start.nodes[0]).not.toHaveProperty('input_data');
  });

  it('follow each change from the server answer', () => {
    let snapshot = withNode(start, node('c'));
    snapshot = withEdge(snapshot, { id: 'e2', source: 'b', source_handle: 'default', target: 'c' });
    snapshot = withPosition(snapshot, 'a', { x: 10, y: 20 });
    snapshot = withNode(snapshot, node('b', { name: 'Renamed' }));
    expect(snapshot.nodes.map((each) => [each.id, each.name, each.position.x])).toEqual([
      ['a', 'Node a', 10],
      ['b', 'Renamed', 0],
      ['c', 'Node c', 0],
    ]);
    expect(snapshot.edges.map((edge) => edge.id)).toEqual(['e1', 'e2']);
    expect(start.nodes[0].position.x).toBe(0);
  });

  it('drop a deleted node with every edge that touched it', () => {
    const snapshot = without(
      withEdge(start, { id: 'e2', source: 'b', source_handle: 'default', target: 'a' }),
      new Set(['b']),
      new Set(),
    );
    expect(snapshot.nodes.map((each) => each.id)).toEqual(['a']);
    expect(snapshot.edges).toEqual([]);
  });
});

describe('the undo history', () => {
  it('goes back and forward through saved canvases, and a new change forgets what was undone', () => {
    const one = withNode(start, node('c'));
    const two = withNode(one, node('d'));
    const history = new UndoHistory(start);
    expect(history.canUndo).toBe(false);
    history.record(one);
    history.record(two);
    expect(history.previous()).toBe(one);
    history.moved('back', one);
    expect(history.previous()).toBe(start);
    expect(history.next()).toBe(two);
    history.moved('forward', two);
    expect(history.now).toBe(two);
    history.moved('back', one);
    history.record(start);
    expect(history.canRedo).toBe(false);
    expect(history.previous()).toBe(one);
  });

  it('keeps the last hundred steps', () => {
    const history = new UndoHistory(start);
    for (let i = 0; i < 150; i++) history.record(withPosition(start, 'a', { x: i, y: 0 }));
    let steps = 0;
    while (history.previous()) {
      history.moved('back', history.previous()!);
      steps++;
    }
    expect(steps).toBe(100);
    expect(history.now.nodes[0].position.x).toBe(49);
  });
});

describe('the body that restores a canvas', () => {
  it('carries the current version and leaves masked secrets out of nodes the server no longer has', () => {
    const target = snapshotOf({
      nodes: [
        node('a', { form_values: { token: MASKED_SECRET, url: 'u' } }),
        node('b', { form_values: { token: MASKED_SECRET } }),
      ],
      edges: [],
    });
    const body = restoreBody(target, 7, new Set(['a']));
    expect(body.version).toBe(7);
    expect(body.nodes.map((each) => each.form_values)).toEqual([{ token: MASKED_SECRET, url: 'u' }, {}]);
  });
});
