import { useCallback, useEffect, useRef, useState } from 'react';
import {
  applyNodeChanges,
  Position,
  type Node,
  type NodeChange,
  type NodeHandle,
  type ReactFlowInstance,
  type XYPosition,
} from '@xyflow/react';

// How the editor's React Flow is set up for large graphs (docs/PERFORMANCE.md, the canvas in the browser).

// React Flow's props as constants: a new object or array on each render of the editor is a change it
// copies into its store.
export const DELETE_KEYS = ['Delete', 'Backspace'];
export const DEFAULT_VIEWPORT = { x: 0, y: 0, zoom: 1 };
// Far enough out to fit a graph of a few thousand nodes (React Flow's default stops at 0.5).
export const MIN_ZOOM = 0.05;
// A large graph opens zoomed out, as an overview (OverviewLayer), and is fitted once React Flow is ready:
// its own fit on open would first draw and measure the nodes of a view at zoom 1.
export const OVERVIEW_START = { x: 0, y: 0, zoom: MIN_ZOOM };
// includeHiddenNodes: fit the nodes not drawn yet too, by their estimated size (below); without it React Flow
// fits only the measured ones, which with onlyRenderVisibleElements are those in the first, unfitted view.
export const FIT_VIEW = { maxZoom: 1, includeHiddenNodes: true };

/**
 * A drag that starts on the empty pane (a pan) keeps the pointer: the browser then skips the hit test
 * of every move, which on a graph of a thousand nodes and their edges cost more than the pan itself.
 */
export function capturePaneDrag(event: React.PointerEvent) {
  const target = event.target as Element;
  if (target.classList.contains('react-flow__pane')) target.setPointerCapture(event.pointerId);
}

/*
 * Zoomed in on a large graph (zoomed out, OverviewLayer draws it), only the nodes in view are elements
 * (React Flow's onlyRenderVisibleElements): a node out of view has none, so each frame of a pan or zoom
 * lays out and paints the few dozen in view only. React Flow still has to know, for a node it
 * has never drawn, how big it is (to tell whether it comes into view, and to fit the view) and where its
 * handles are (to draw its edges that cross the view); until the browser has drawn and measured a node,
 * these estimates stand in. Without them React Flow draws every node once to measure it, which is the
 * whole cost the option saves.
 */

/** A node with a short name and no run line, as `.wf-node` in styles.css draws it. */
export const NODE_SIZE_BEFORE_DRAWN = { width: 160, height: 53 };

/**
 * Centres the view on a node (its measured size once drawn, else a short-named node's), at the given zoom
 * or closer: the search's jump and the keyboard's move to a node out of view or in the overview.
 */
export function centreOn(
  flow: Pick<ReactFlowInstance, 'setCenter' | 'getZoom'>,
  at: XYPosition,
  measured: { width?: number; height?: number } | undefined,
  zoom: number,
  duration?: number,
) {
  const width = measured?.width ?? NODE_SIZE_BEFORE_DRAWN.width;
  const height = measured?.height ?? NODE_SIZE_BEFORE_DRAWN.height;
  return flow.setCenter(at.x + width / 2, at.y + height / 2, { zoom: Math.max(flow.getZoom(), zoom), duration });
}

/**
 * A node's handles, where styles.css and WorkflowNodeView put them, as React Flow measures them (from the
 * node's border box): 6 px squares, 3 px outside the edge of the 2 px border's inner side, the input
 * half-way down, the routes spread evenly over the inner height.
 */
export function handlesOf(routes: string[], { width, height } = NODE_SIZE_BEFORE_DRAWN): NodeHandle[] {
  const inner = height - 2 * NODE_BORDER;
  const handle = { width: HANDLE_SIZE, height: HANDLE_SIZE };
  const top = (share: number) => NODE_BORDER + share * inner - HANDLE_SIZE / 2;
  return [
    { ...handle, id: null, type: 'target', position: Position.Left, x: NODE_BORDER - 3, y: top(1 / 2) },
    ...routes.map((route, i) => ({
      ...handle,
      id: route,
      type: 'source' as const,
      position: Position.Right,
      x: width - NODE_BORDER + 3 - HANDLE_SIZE,
      y: top((i + 1) / (routes.length + 1)),
    })),
  ];
}

const NODE_BORDER = 2;
const HANDLE_SIZE = 6;

/**
 * The editor's nodes, changed by React Flow's changes. The sizes React Flow measures as nodes come into view
 * are applied together once none has come for a moment (or with the next other change): a pan draws a few
 * new nodes each frame, and applying each size at once re-rendered the editor and handed React Flow the
 * whole node list again on every frame. Until then React Flow uses the sizes it measured itself.
 */
export function useFlowNodes<N extends Node>() {
  const [nodes, setNodes] = useState<N[]>([]);
  const sizes = useRef<NodeChange<N>[]>([]);
  const timer = useRef<number | undefined>(undefined);
  const takeSizes = useCallback(() => {
    window.clearTimeout(timer.current);
    const taken = sizes.current;
    sizes.current = [];
    return taken;
  }, []);
  const onNodesChange = useCallback(
    (changes: NodeChange<N>[]) => {
      const others = changes.filter((change) => change.type !== 'dimensions');
      sizes.current.push(...changes.filter((change) => change.type === 'dimensions'));
      if (others.length > 0) {
        const due = takeSizes().concat(others);
        setNodes((current) => applyMeasuredChanges(due, current));
      } else {
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => {
          const due = takeSizes();
          if (due.length > 0) setNodes((current) => applyMeasuredChanges(due, current));
        }, SIZES_SETTLE_MS);
      }
    },
    [takeSizes],
  );
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return [nodes, setNodes, onNodesChange] as const;
}

const SIZES_SETTLE_MS = 200;

/** React Flow's changes applied; a node it has just measured loses its estimated handles, which would
 * otherwise stand in for the measured ones each time the node's object changes. */
function applyMeasuredChanges<N extends Node>(changes: NodeChange<N>[], nodes: N[]): N[] {
  const measured = new Set(changes.filter((change) => change.type === 'dimensions').map((change) => change.id));
  const next = applyNodeChanges(changes, nodes);
  if (measured.size === 0) return next;
  return next.map((node) => (measured.has(node.id) && node.handles ? { ...node, handles: undefined } : node));
}
