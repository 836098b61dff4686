// The overview of a large graph: what is drawn where, as plain geometry (OverviewLayer draws it on one
// <canvas>). Coordinates are the flow's, as React Flow's node positions are.
import type { Edge, Node } from '@xyflow/react';
import { handlesOf, NODE_SIZE_BEFORE_DRAWN } from './canvasView';
import type { NodeData, NodeState } from './graph';

/** Graphs with this many nodes or more are drawn as an overview when zoomed out. */
export const OVERVIEW_MIN_NODES = 200;
/** Below this zoom a node's text is 8 px or less: the overview draws the graph instead of React Flow. */
export const OVERVIEW_BELOW_ZOOM = 0.5;

export function showsOverview(nodeCount: number, zoom: number): boolean {
  return nodeCount >= OVERVIEW_MIN_NODES && zoom < OVERVIEW_BELOW_ZOOM;
}

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  name: string;
  state: NodeState;
  category?: string;
  selected: boolean;
  routes: string[];
}

export interface Curve {
  id: string;
  taken: boolean;
  /** Start, two control points and end of a cubic Bézier curve, as React Flow's default edge draws it. */
  points: [number, number, number, number, number, number, number, number];
  /** The rectangle of its four points, which holds the whole curve: the view test of each frame reads only this. */
  bounds: View;
}

/** A rectangle of the flow: what a pane of width × height shows under a [x, y, zoom] transform. */
export interface View {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function viewOf(transform: [number, number, number], width: number, height: number): View {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

export function boxesOf(nodes: Node<NodeData>[]): Box[] {
  return nodes
    .filter((node) => node.type === 'workflowNode')
    .map((node) => ({
      id: node.id,
      x: node.position.x,
      y: node.position.y,
      width: node.measured?.width ?? NODE_SIZE_BEFORE_DRAWN.width,
      height: node.measured?.height ?? NODE_SIZE_BEFORE_DRAWN.height,
      name: node.data.name,
      state: node.data.state,
      category: node.data.category,
      selected: Boolean(node.selected),
      routes: node.data.routes.length ? node.data.routes : ['default'],
    }));
}

/**
 * Each edge as a curve from its route's handle on the source's right side to the middle of the target's
 * left side, bent as React Flow's default (Bézier) edge bends. Edges of unknown nodes are left out.
 */
export function curvesOf(edges: Edge[], boxes: Map<string, Box>): Curve[] {
  const curves: Curve[] = [];
  for (const edge of edges) {
    const source = boxes.get(edge.source);
    const target = boxes.get(edge.target);
    if (!source || !target) continue;
    const [sx, sy] = anchor(source, edge.sourceHandle ?? 'default');
    const [tx, ty] = anchor(target, null);
    const bend = bendOf(tx - sx);
    const [left, right] = [Math.min(sx, tx - bend), Math.max(sx + bend, tx)];
    const [top, bottom] = [Math.min(sy, ty), Math.max(sy, ty)];
    curves.push({
      id: edge.id,
      taken: Boolean(edge.animated),
      points: [sx, sy, sx + bend, sy, tx - bend, ty, tx, ty],
      bounds: { x: left, y: top, width: right - left, height: bottom - top },
    });
  }
  return curves;
}

/** Where an edge meets a handle (the input's when `route` is null): its outer side's middle, as React Flow takes it. */
function anchor(box: Box, route: string | null): [number, number] {
  const handles = handlesOf(box.routes, box);
  const handle = handles.find((each) => each.id === route) ?? handles[1];
  const side = handle.type === 'source' ? (handle.width ?? 0) : 0;
  return [box.x + handle.x + side, box.y + handle.y + (handle.height ?? 0) / 2];
}

/** React Flow's control offset (getBezierPath, curvature 0.25): half the distance ahead; 0.25 · 25 · √distance back. */
function bendOf(ahead: number): number {
  return ahead >= 0 ? 0.5 * ahead : 0.25 * 25 * Math.sqrt(-ahead);
}

export function boxInView(box: Box, view: View): boolean {
  return overlaps(box, view);
}

export function curveInView(curve: Curve, view: View): boolean {
  return overlaps(curve.bounds, view);
}

function overlaps(a: View, b: View): boolean {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
}

/** The node under a point of the flow, the one drawn last (on top) first. */
export function boxAt(boxes: Box[], x: number, y: number): Box | undefined {
  for (let i = boxes.length - 1; i >= 0; i--) {
    const box = boxes[i];
    if (x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height) return box;
  }
  return undefined;
}
