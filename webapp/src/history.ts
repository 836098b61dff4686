// Undo and redo for the canvas. Every change is saved to the server as it is made, so undo cannot
// just roll back the screen: it puts the whole canvas the change started from back on the server in
// one PUT canvas_data, which keeps node and edge ids. The history holds the saved canvas after each
// change, built from the server's own answers, so what undo restores is what the server had.
import type { Canvas, CanvasEdge, CanvasNode, CanvasNote, Position } from './api';

/** A node as PUT canvas_data takes it back: everything the user set, nothing the server derives. */
export interface SnapshotNode {
  id: string;
  node_type: string;
  name: string;
  position: Position;
  form_values: Record<string, unknown>;
  disabled?: boolean;
  retry?: { max_attempts: number; delay_ms: number; backoff_multiplier: number };
  timeout_ms?: number | null;
}

/** The saved canvas at one point in the history. */
export interface CanvasSnapshot {
  nodes: SnapshotNode[];
  edges: CanvasEdge[];
  /** The sticky notes; undefined leaves the server's as they are when restored. */
  notes?: CanvasNote[];
}

/** The value the server shows for a secret instead of the secret itself. */
export const MASKED_SECRET = '********';
const LIMIT = 100;

export function snapshotNode(node: CanvasNode): SnapshotNode {
  const { id, node_type, name, position, form_values, disabled, retry, timeout_ms } = node;
  return { id, node_type, name, position: { ...position }, form_values, disabled, retry, timeout_ms };
}

export function snapshotOf(canvas: Pick<Canvas, 'nodes' | 'edges' | 'notes'>): CanvasSnapshot {
  return {
    nodes: canvas.nodes.map(snapshotNode),
    edges: canvas.edges.map(({ id, source, source_handle, target }) => ({ id, source, source_handle, target })),
    notes: canvas.notes?.map(snapshotNote),
  };
}

function snapshotNote({ id, text, position, width, height, color }: CanvasNote): CanvasNote {
  return { id, text, position: { ...position }, width, height, color };
}

/** The canvas after a note was added or changed (the server's answer for it). */
export function withNote(snapshot: CanvasSnapshot, note: CanvasNote): CanvasSnapshot {
  const notes = snapshot.notes ?? [];
  const next = snapshotNote(note);
  const known = notes.some((each) => each.id === note.id);
  return { ...snapshot, notes: known ? notes.map((each) => (each.id === note.id ? next : each)) : [...notes, next] };
}

export function withoutNote(snapshot: CanvasSnapshot, noteId: string): CanvasSnapshot {
  return { ...snapshot, notes: (snapshot.notes ?? []).filter((each) => each.id !== noteId) };
}

/** The canvas with some nodes moved at once (a tidy-up). */
export function withPositions(snapshot: CanvasSnapshot, positions: Record<string, Position>): CanvasSnapshot {
  return {
    ...snapshot,
    nodes: snapshot.nodes.map((each) => (positions[each.id] ? { ...each, position: { ...positions[each.id] } } : each)),
  };
}

/** The canvas after a node was added or changed (the server's answer for it). */
export function withNode(snapshot: CanvasSnapshot, node: CanvasNode): CanvasSnapshot {
  const next = snapshotNode(node);
  const known = snapshot.nodes.some((each) => each.id === node.id);
  return {
    ...snapshot,
    nodes: known ? snapshot.nodes.map((each) => (each.id === node.id ? next : each)) : [...snapshot.nodes, next],
  };
}

export function withPosition(snapshot: CanvasSnapshot, nodeId: string, position: Position): CanvasSnapshot {
  return {
    ...snapshot,
    nodes: snapshot.nodes.map((each) => (each.id === nodeId ? { ...each, position: { ...position } } : each)),
  };
}

export function withEdge(snapshot: CanvasSnapshot, edge: CanvasEdge): CanvasSnapshot {
  const { id, source, source_handle, target } = edge;
  return { ...snapshot, edges: [...snapshot.edges, { id, source, source_handle, target }] };
}

/** The canvas without these nodes, their edges and these edges: what a delete leaves. */
export function without(snapshot: CanvasSnapshot, nodeIds: Set<string>, edgeIds: Set<string>): CanvasSnapshot {
  return {
    ...snapshot,
    nodes: snapshot.nodes.filter((node) => !nodeIds.has(node.id)),
    edges: snapshot.edges.filter(
      (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
    ),
  };
}

/**
 * The PUT canvas_data body that brings the server back to `target`. A secret comes back masked: the
 * server keeps a node's secret when it is sent the mask, but a node that undo brings back was deleted
 * with its secret, so its masked secrets are left out rather than saved as the mask itself.
 */
export function restoreBody(target: CanvasSnapshot, version: number, onServer: Set<string>) {
  return {
    version,
    nodes: target.nodes.map((node) =>
      onServer.has(node.id) ? node : { ...node, form_values: withoutMaskedSecrets(node.form_values) },
    ),
    edges: target.edges,
    ...(target.notes ? { notes: target.notes } : {}),
  };
}

/** Form values without the masked secrets: for a node made anew (pasted, or brought back), which has no secret yet. */
export function withoutMaskedSecrets(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== MASKED_SECRET));
}

/** The saved canvases before and after the current one; a new change forgets the undone ones. */
export class UndoHistory {
  private past: CanvasSnapshot[] = [];
  private future: CanvasSnapshot[] = [];

  constructor(private current: CanvasSnapshot) {}

  get now(): CanvasSnapshot {
    return this.current;
  }
  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** A change was saved: `next` is the canvas after it. */
  record(next: CanvasSnapshot): void {
    this.past.push(this.current);
    if (this.past.length > LIMIT) this.past.shift();
    this.future = [];
    this.current = next;
  }

  /** The canvas to go back to, or undefined when there is nothing to undo. Call moved() once it is saved. */
  previous(): CanvasSnapshot | undefined {
    return this.past[this.past.length - 1];
  }

  next(): CanvasSnapshot | undefined {
    return this.future[this.future.length - 1];
  }

  /** The server now holds `saved`, reached by an undo (back) or a redo (forward). */
  moved(direction: 'back' | 'forward', saved: CanvasSnapshot): void {
    if (direction === 'back') {
      this.past.pop();
      this.future.push(this.current);
    } else {
      this.future.pop();
      this.past.push(this.current);
    }
    this.current = saved;
  }

  /** Replaces what the canvas is now without a step in the history (a reload, a change made elsewhere). */
  reset(current: CanvasSnapshot): void {
    this.past = [];
    this.future = [];
    this.current = current;
  }
}
