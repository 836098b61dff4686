import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  useReactFlow,
  useStore,
  useStoreApi,
  type Edge,
  type Node,
  type ReactFlowInstance,
  type ReactFlowState,
} from '@xyflow/react';
import { FIT_VIEW } from './canvasView';
import type { NodeData } from './graph';
import {
  boxAt,
  boxInView,
  boxesOf,
  curveInView,
  curvesOf,
  OVERVIEW_MIN_NODES,
  showsOverview,
  viewOf,
  type Box,
  type Curve,
} from './overview';
import { STATE_BORDER, STATE_FILL } from './stateColours';

/**
 * A large graph, zoomed out, drawn on one <canvas> instead of as React Flow's elements: at that zoom a
 * node's text is too small to read or edit, and a thousand node elements and their edges' SVGs cost the
 * browser more at each frame of a pan than it has on a busy machine (docs/PERFORMANCE.md). React Flow
 * keeps the nodes, hidden, so pan, zoom, fit, selection and the panel work as before; a click selects
 * the node under it; moving, connecting and deleting wait until the nodes are drawn again. Zooming in
 * past OVERVIEW_BELOW_ZOOM shows React Flow's nodes again (only those in view: onlyRenderVisibleElements).
 */
export function useOverview(nodes: Node<NodeData>[], edges: Edge[]) {
  const large = nodes.length >= OVERVIEW_MIN_NODES;
  const zoomedOut = useStore(
    useCallback((state: ReactFlowState) => showsOverview(nodes.length, state.transform[2]), [nodes.length]),
  );
  // React Flow applies its first viewport (OVERVIEW_START) after its first render, at zoom 1: until a large
  // graph is fitted, it is an overview all the same, so that no node element is made for nothing.
  const [fitted, setFitted] = useState(false);
  const overview = zoomedOut || (large && !fitted);
  const onInit = useCallback(
    (flow: ReactFlowInstance) => {
      if (large) void flow.fitView(FIT_VIEW).then(() => setFitted(true));
      else setFitted(true);
    },
    [large],
  );
  const flowNodes = useMemo(() => (overview ? nodes.map(hidden) : nodes), [overview, nodes]);
  const boxes = useMemo(() => (overview ? boxesOf(nodes) : []), [overview, nodes]);
  const curves = useMemo(
    () => (overview ? curvesOf(edges, new Map(boxes.map((box) => [box.id, box]))) : []),
    [overview, edges, boxes],
  );
  const flow = useReactFlow();
  const store = useStoreApi();
  const onPaneClick = useCallback(
    (event: React.MouseEvent) => {
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const box = boxAt(boxes, at.x, at.y);
      if (box) store.getState().addSelectedNodes([box.id]);
    },
    [flow, store, boxes],
  );
  return {
    overview,
    large,
    flowNodes,
    // React Flow would mount an edge component for each edge in view, hidden or not: in the overview it has none.
    flowEdges: overview ? NO_EDGES : edges,
    layer: overview ? <OverviewLayer boxes={boxes} curves={curves} /> : null,
    onInit,
    onPaneClick: overview ? onPaneClick : undefined,
  };
}

const NO_EDGES: Edge[] = [];

// A node keeps one hidden copy while it stays the same object, so that React Flow sees the same copies again.
const HIDDEN_COPIES = new WeakMap<object, object>();

function hidden<T extends { hidden?: boolean }>(element: T): T {
  if (element.hidden) return element;
  let copy = HIDDEN_COPIES.get(element) as T | undefined;
  if (!copy) {
    copy = { ...element, hidden: true };
    HIDDEN_COPIES.set(element, copy);
  }
  return copy;
}

/** The canvas, redrawn at the next frame whenever the view moves or the graph changes. */
function OverviewLayer({ boxes, curves }: { boxes: Box[]; curves: Curve[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  useEffect(() => {
    let frame = 0;
    const draw = () => {
      frame = 0;
      const { transform, width, height } = store.getState();
      if (canvas.current) paint(canvas.current, boxes, curves, transform, width, height);
    };
    draw();
    const unsubscribe = store.subscribe((state, previous) => {
      const moved =
        state.transform !== previous.transform || state.width !== previous.width || state.height !== previous.height;
      if (moved && !frame) frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, boxes, curves]);
  return <canvas ref={canvas} className="overview-layer" data-testid="overview" aria-hidden="true" />;
}

const STRIPE: Record<string, string> = { trigger: '#40c057', action: '#4c6ef5', logic: '#ae3ec9' };
/** Names are written once they would be at least this many pixels high on the screen. */
const SMALLEST_TEXT_PX = 7;

function paint(
  canvas: HTMLCanvasElement,
  boxes: Box[],
  curves: Curve[],
  transform: [number, number, number],
  width: number,
  height: number,
) {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext('2d');
  if (!context) return;
  const [x, y, zoom] = transform;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y);
  const view = viewOf(transform, width, height);
  const pixel = 1 / zoom;

  for (const taken of [false, true]) {
    context.beginPath();
    for (const curve of curves) {
      if (curve.taken !== taken || !curveInView(curve, view)) continue;
      const [sx, sy, c1x, c1y, c2x, c2y, tx, ty] = curve.points;
      context.moveTo(sx, sy);
      context.bezierCurveTo(c1x, c1y, c2x, c2y, tx, ty);
    }
    context.lineWidth = taken ? 2.5 * pixel : pixel;
    context.strokeStyle = taken ? '#237032' : '#b1b1b7';
    context.stroke();
  }

  const inView = boxes.filter((box) => boxInView(box, view));
  for (const box of inView) {
    context.fillStyle = STATE_FILL[box.state] ?? STATE_FILL.idle;
    context.fillRect(box.x, box.y, box.width, box.height);
    context.lineWidth = box.selected ? Math.max(6, 2 * pixel) : Math.max(2, pixel);
    context.strokeStyle = box.selected ? '#3b5bdb' : (STATE_BORDER[box.state] ?? STATE_BORDER.idle);
    context.strokeRect(box.x, box.y, box.width, box.height);
    const stripe = box.category && STRIPE[box.category];
    if (stripe) {
      context.fillStyle = stripe;
      context.fillRect(box.x + 3, box.y + 5, 4, box.height - 10);
    }
  }
  const fontSize = Math.max(16, SMALLEST_TEXT_PX * pixel);
  if (fontSize <= 30) {
    context.font = `600 ${fontSize}px system-ui, sans-serif`;
    context.fillStyle = '#1d2330';
    context.textBaseline = 'middle';
    for (const box of inView) context.fillText(box.name, box.x + 12, box.y + box.height / 2, box.width - 18);
  }
  // What was drawn, for the canvas benchmark (webapp/e2e/canvas-speed.mjs).
  canvas.dataset.drawn = String(inView.length);
  canvas.dataset.transform = `${x},${y},${zoom}`;
}
