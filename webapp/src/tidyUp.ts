// The automatic tidy-up: a left-to-right layout of the workflow's graph by dagre, loaded only when
// asked for (a dynamic import), so that opening a canvas never pays for it.
import type { Position } from './api';

export interface LayoutNode {
  id: string;
  position: Position;
  width: number;
  height: number;
}

const NODE_GAP = 40;
const RANK_GAP = 90;

/**
 * Where each node goes: ranks from left to right along the edges, nodes of a rank one under the
 * other. The result keeps the graph's top-left corner where it was, so that the view does not jump.
 */
export async function tidyPositions(
  nodes: LayoutNode[],
  edges: { source: string; target: string }[],
): Promise<Record<string, Position>> {
  if (nodes.length === 0) return {};
  const { default: dagre } = await import('@dagrejs/dagre');
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: NODE_GAP, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const known = new Set(nodes.map((node) => node.id));
  nodes.forEach((node) => graph.setNode(node.id, { width: node.width, height: node.height }));
  edges
    .filter((edge) => known.has(edge.source) && known.has(edge.target))
    .forEach((edge) => graph.setEdge(edge.source, edge.target));
  dagre.layout(graph);

  // dagre gives centres; React Flow places a node by its top-left corner.
  const laid = nodes.map((node) => {
    const centre = graph.node(node.id);
    return { id: node.id, x: centre.x - node.width / 2, y: centre.y - node.height / 2 };
  });
  const dx = Math.min(...nodes.map((node) => node.position.x)) - Math.min(...laid.map((node) => node.x));
  const dy = Math.min(...nodes.map((node) => node.position.y)) - Math.min(...laid.map((node) => node.y));
  return Object.fromEntries(laid.map((node) => [node.id, { x: Math.round(node.x + dx), y: Math.round(node.y + dy) }]));
}
