// How the editor's React Flow is set up for large graphs (docs/PERFORMANCE.md, the canvas in the browser).

// React Flow's props as constants: a new object or array on each render of the editor is a change it
// copies into its store.
export const DELETE_KEYS = ['Delete', 'Backspace'];
export const DEFAULT_VIEWPORT = { x: 0, y: 0, zoom: 1 };
export const FIT_VIEW = { maxZoom: 1 };

/**
 * A drag that starts on the empty pane (a pan) keeps the pointer: the browser then skips the hit test
 * of every move, which on a graph of a thousand nodes and their edges cost more than the pan itself.
 */
export function capturePaneDrag(event: React.PointerEvent) {
  const target = event.target as Element;
  if (target.classList.contains('react-flow__pane')) target.setPointerCapture(event.pointerId);
}
