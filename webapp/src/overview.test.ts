import { describe, expect, it } from 'vitest';
import { getBezierPath, Position, type Edge, type Node } from '@xyflow/react';
import type { NodeData } from './graph';
import {
  boxAt,
  boxesOf,
  boxInView,
  curveInView,
  curvesOf,
  showsOverview,
  viewOf,
  type Box,
  type Curve,
} from './overview';

const node = (id: string, x: number, y: number, extra: Partial<Node<NodeData>> = {}): Node<NodeData> => ({
  id,
  type: 'workflowNode',
  position: { x, y },
  data: { name: `Step ${id}`, nodeType: 'transform', routes: ['default'], state: 'idle' },
  ...extra,
});

type Points = Curve['points'];
const pathOf = ([sx, sy, c1x, c1y, c2x, c2y, tx, ty]: Points) =>
  `M${sx},${sy} C${c1x},${c1y} ${c2x},${c2y} ${tx},${ty}`;
/** The path React Flow's default edge draws between the same two ends. */
const reactFlowPath = ([sx, sy, , , , , tx, ty]: Points) =>
  getBezierPath({
    sourceX: sx,
    sourceY: sy,
    sourcePosition: Position.Right,
    targetX: tx,
    targetY: ty,
    targetPosition: Position.Left,
  })[0];

describe('the overview of a large graph', () => {
  it('is shown for 200 nodes or more, below zoom 0.5 only', () => {
    expect(showsOverview(200, 0.49)).toBe(true);
    expect(showsOverview(200, 0.5)).toBe(false);
    expect(showsOverview(199, 0.1)).toBe(false);
  });

  it('draws nodes at their measured size, or the size of a short-named node before they were drawn', () => {
    const boxes = boxesOf([
      node('a', 10, 20, { measured: { width: 230, height: 80 }, selected: true }),
      node('b', 300, 20),
      { id: 'note', type: 'note', position: { x: 0, y: 0 }, data: {} } as unknown as Node<NodeData>,
    ]);
    expect(boxes.map(({ id, width, height, selected }) => ({ id, width, height, selected }))).toEqual([
      { id: 'a', width: 230, height: 80, selected: true },
      { id: 'b', width: 160, height: 53, selected: false },
    ]);
  });

  it('bends each edge as React Flow draws it, from the route handle of the source to the target', () => {
    const [source, target] = boxesOf([
      node('s', 0, 0, { data: { name: 'If', nodeType: 'condition', routes: ['true', 'false'], state: 'idle' } }),
      node('t', 400, 300),
    ]);
    const edges: Edge[] = [
      { id: 'e1', source: 's', sourceHandle: 'false', target: 't', animated: true },
      { id: 'e2', source: 's', sourceHandle: 'true', target: 'gone' },
    ];
    const [curve, ...rest] = curvesOf(edges, new Map([source, target].map((box) => [box.id, box])));
    expect(rest).toEqual([]);
    expect(curve.taken).toBe(true);
    // The second of two routes sits at two thirds of the node's inner height; edges meet handles 1 px outside.
    const [sx, sy, , , , , tx, ty] = curve.points;
    expect([sx, sy, tx, ty]).toEqual([161, 2 + (2 * 49) / 3, 399, 300 + 26.5]);
    expect(pathOf(curve.points)).toBe(reactFlowPath(curve.points));
  });

  it('bends an edge going back as React Flow does too', () => {
    const boxes = boxesOf([node('s', 500, 0), node('t', 0, 0)]);
    const [curve] = curvesOf([{ id: 'e', source: 's', target: 't' }], new Map(boxes.map((box) => [box.id, box])));
    expect(pathOf(curve.points)).toBe(reactFlowPath(curve.points));
  });

  it('draws only what the view shows, and finds the node under a point', () => {
    const view = viewOf([-1000, -500, 0.5], 400, 300); // x 2000-2800, y 1000-1600 of the flow
    expect(view).toEqual({ x: 2000, y: 1000, width: 800, height: 600 });
    const box = (x: number, y: number): Box => ({
      id: `${x},${y}`,
      x,
      y,
      width: 160,
      height: 53,
      name: '',
      state: 'idle',
      selected: false,
      routes: ['default'],
    });
    expect(boxInView(box(1850, 1000), view)).toBe(true);
    expect(boxInView(box(1840, 1000), view)).toBe(false);
    expect(boxInView(box(2790, 1590), view)).toBe(true);
    expect(boxInView(box(2800, 1590), view)).toBe(false);
    const curve = (from: Box, to: Box) =>
      curvesOf([{ id: 'e', source: from.id, target: to.id }], new Map([from, to].map((each) => [each.id, each])))[0];
    expect(curveInView(curve(box(0, 0), box(3000, 2000)), view)).toBe(true); // both ends out, the curve across
    expect(curveInView(curve(box(0, 0), box(300, 100)), view)).toBe(false);
    // Going back, the curve bends out past both ends: past the source's right side into the view.
    expect(curveInView(curve(box(1700, 1200), box(1000, 1200)), view)).toBe(true);
    expect(curveInView(curve(box(1500, 1200), box(1000, 1200)), view)).toBe(false);
    const boxes = [box(0, 0), box(100, 30)];
    expect(boxAt(boxes, 120, 40)?.id).toBe('100,30');
    expect(boxAt(boxes, 50, 10)?.id).toBe('0,0');
    expect(boxAt(boxes, 300, 10)).toBeUndefined();
  });
});
