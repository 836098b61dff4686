// Keyboard moves on the canvas as pure rules: which node an arrow key goes to, and where a node added
// from the palette goes. The hook that performs them is useCanvasKeyboard.

export interface Placed {
  id: string;
  position: { x: number; y: number };
}

const DIRECTIONS: Record<string, { x: number; y: number }> = {
  ArrowRight: { x: 1, y: 0 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowDown: { x: 0, y: 1 },
  ArrowUp: { x: 0, y: -1 },
};

export const isArrowKey = (key: string) => key in DIRECTIONS;

/**
 * The node an arrow key moves to from `from`: the nearest one on that side, a node off the key's axis
 * counting twice its offset, so that → follows the flow of a left-to-right graph before it drifts up or
 * down. Null when no node lies on that side.
 */
export function nodeToward(from: Placed, nodes: Placed[], key: string): string | null {
  const direction = DIRECTIONS[key];
  if (!direction) return null;
  let best: { id: string; cost: number } | null = null;
  for (const node of nodes) {
    if (node.id === from.id) continue;
    const dx = node.position.x - from.position.x;
    const dy = node.position.y - from.position.y;
    const along = dx * direction.x + dy * direction.y;
    if (along <= 0) continue;
    const across = Math.abs(direction.x ? dy : dx);
    const cost = along + 2 * across;
    if (!best || cost < best.cost) best = { id: node.id, cost };
  }
  return best?.id ?? null;
}

/** How far right of the node it follows a node added after it goes: a node's width and a gap. */
export const FOLLOW_GAP = 240;

/**
 * Where a node added from the palette goes: right of the node it follows (lower while that spot is taken,
 * so that a second branch does not cover the first), or at `center` when it follows none.
 */
export function placeAfter(after: Placed | undefined, nodes: Placed[], center: { x: number; y: number }) {
  if (!after) return center;
  const spot = { x: after.position.x + FOLLOW_GAP, y: after.position.y };
  const taken = (y: number) =>
    nodes.some((node) => Math.abs(node.position.x - spot.x) < 100 && Math.abs(node.position.y - y) < 60);
  while (taken(spot.y)) spot.y += 100;
  return spot;
}
