import { useCallback } from 'react';
import { useReactFlow, useStoreApi, type Node } from '@xyflow/react';
import type { CanvasEdge, CanvasNode } from './api';
import { isArrowKey, nodeToward, placeAfter } from './canvasKeys';
import { withEdge, withNode, type CanvasSnapshot } from './history';
import { OVERVIEW_BELOW_ZOOM } from './overview';
import { centreOn } from './canvasView';

interface Editing {
  readOnly: boolean;
  /** Runs a change of several calls as one step of the undo history. */
  step: (work: (saved: { snapshot: CanvasSnapshot }) => Promise<void>) => unknown;
  postNode: (spec: Record<string, unknown>) => Promise<CanvasNode>;
  postEdge: (source: string, sourceHandle: string, target: string) => Promise<CanvasEdge>;
  canvasNodes: Record<string, CanvasNode>;
}

const nodeElement = (id: string) =>
  document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
const FIELDS = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [contenteditable="true"]';

/**
 * Adding nodes (dropped from the palette, or chosen in it with the keyboard) and the keyboard on the canvas
 * and its panel. React Flow makes each node a Tab stop, selects the focused node with Enter (which opens
 * its panel) and unselects it with Escape; this adds the rest an n8n user reaches for:
 * - Enter on a palette item adds that node after the selected one, connected to its first route, and
 *   selects it, so that a chain is built with the keyboard alone;
 * - the arrow keys go to the nearest node on that side, selecting it (React Flow's own arrows would move
 *   the node without saving the move);
 * - Delete removes the focused node even when it is not selected (undone with Ctrl+Z like any delete);
 * - Enter on a node moves the focus into its panel, and Escape there closes it and returns to the node.
 */
export function useCanvasKeyboard({ readOnly, step, postNode, postEdge, canvasNodes }: Editing) {
  const flow = useReactFlow();
  const store = useStoreApi();

  // Selects one node (the others unselected); a node just added is waited for, a few frames at most.
  const select = useCallback(
    function selectOnce(id: string, framesLeft = 10) {
      const { addSelectedNodes, nodeLookup } = store.getState();
      if (nodeLookup.has(id)) addSelectedNodes([id]);
      else if (framesLeft > 0) requestAnimationFrame(() => selectOnce(id, framesLeft - 1));
    },
    [store],
  );

  // Focuses a node; one out of view has no element (large graphs draw only the nodes in view), so the view
  // first centres on it, and the focus follows once it is drawn.
  const focusNode = useCallback(
    function focusOnce(id: string, framesLeft = 10) {
      const element = nodeElement(id);
      if (element) return element.focus();
      const node = flow.getInternalNode(id);
      if (!node || framesLeft === 0) return;
      // Zoomed out, a large graph is an overview without node elements: close enough to show them.
      if (framesLeft === 10) void centreOn(flow, node.internals.positionAbsolute, node.measured, OVERVIEW_BELOW_ZOOM);
      requestAnimationFrame(() => focusOnce(id, framesLeft - 1));
    },
    [flow],
  );

  const add = useCallback(
    (nodeType: string, position: { x: number; y: number }, after?: CanvasNode, selectIt = false) =>
      step(async (saved) => {
        const node = await postNode({ nodeTemplate: nodeType, position });
        saved.snapshot = withNode(saved.snapshot, node);
        if (after) {
          const edge = await postEdge(after.id, after.routes[0] ?? 'default', node.id);
          saved.snapshot = withEdge(saved.snapshot, edge);
        }
        if (selectIt) select(node.id);
      }),
    [step, postNode, postEdge, select],
  );

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      event.preventDefault();
      const key = event.dataTransfer.getData('application/x-node-type');
      if (key && !readOnly) add(key, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [add, flow, readOnly],
  );

  const addFromPalette = useCallback(
    (nodeType: string) => {
      if (readOnly) return;
      const picked = flow.getNodes().filter((node) => node.selected);
      const after = picked.length === 1 ? canvasNodes[picked[0].id] : undefined;
      const pane = document.querySelector('.editor .react-flow')?.getBoundingClientRect();
      const center = pane
        ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
        : { x: 0, y: 0 };
      add(nodeType, placeAfter(after, flow.getNodes(), center), after, true);
    },
    [add, flow, canvasNodes, readOnly],
  );

  const onCanvasKeyDown = useCallback(
    (event: React.KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const id = target.classList.contains('react-flow__node') ? target.dataset.id : undefined;
      if (!id) return;
      const nodes: Node[] = flow.getNodes();
      if (isArrowKey(event.key)) {
        event.preventDefault();
        event.stopPropagation();
        const from = nodes.find((node) => node.id === id);
        const next = from && nodeToward(from, nodes, event.key);
        if (next) {
          focusNode(next);
          select(next);
        }
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && !readOnly) {
        event.preventDefault();
        event.stopPropagation();
        const from = nodes.find((node) => node.id === id);
        const rest = nodes.filter((node) => node.id !== id);
        const next = from && (nodeToward(from, rest, 'ArrowLeft') ?? rest[0]?.id);
        const gone = new Set([id, ...nodes.filter((node) => node.selected).map((node) => node.id)]);
        void flow.deleteElements({ nodes: [...gone].map((each) => ({ id: each })) });
        if (next && !gone.has(next)) focusNode(next);
      } else if (event.key === 'Enter') {
        focusPanelOf(id);
      }
    },
    [flow, select, readOnly, focusNode],
  );

  const onPanelKeyDown = useCallback(
    (event: React.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // Unsaved edits stay on show: the panel says so, and Save or a click elsewhere decides.
      if (event.currentTarget.querySelector('[data-testid="panel-unsaved"]')) return;
      const id = (event.currentTarget.querySelector('[data-node-id]') as HTMLElement | null)?.dataset.nodeId;
      if (!id) return;
      event.preventDefault();
      store.getState().unselectNodesAndEdges();
      focusNode(id);
    },
    [store, focusNode],
  );

  return { onDrop, addFromPalette, onCanvasKeyDown, onPanelKeyDown };
}

/** Focuses the first field of the node's panel once it shows that node (a few frames after the selection). */
function focusPanelOf(id: string, framesLeft = 10) {
  const panel = document.querySelector(`.panel [data-node-id="${CSS.escape(id)}"]`);
  const field = panel?.querySelector<HTMLElement>(FIELDS);
  if (field) field.focus();
  else if (framesLeft > 0) requestAnimationFrame(() => focusPanelOf(id, framesLeft - 1));
}
