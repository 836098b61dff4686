// Sticky notes as React Flow nodes of their own type, beside the workflow's nodes.
import type { Node } from '@xyflow/react';
import type { CanvasNote, Position } from './api';

export const NOTE_TYPE = 'note';
export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink', 'purple', 'gray'] as const;

/** What a note's view may change: sent as a PATCH, saved as one step of the history. */
export interface NotePatch {
  text?: string;
  color?: string;
  position?: Position;
  width?: number;
  height?: number;
}

export interface NoteActions {
  save: (id: string, patch: NotePatch) => void;
}

export interface NoteData extends Record<string, unknown> {
  text: string;
  color: string;
  readOnly: boolean;
  actions: NoteActions;
}

export function toNoteNode(note: CanvasNote, readOnly: boolean, actions: NoteActions): Node<NoteData> {
  return {
    id: note.id,
    type: NOTE_TYPE,
    position: note.position,
    width: note.width,
    height: note.height,
    // Under the workflow's nodes and edges, as a note is a background to what it explains.
    zIndex: -1,
    data: { text: note.text, color: note.color, readOnly, actions },
  };
}

export const isNote = (node: Pick<Node, 'type'>) => node.type === NOTE_TYPE;
