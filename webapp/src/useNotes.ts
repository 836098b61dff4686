import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { applyNodeChanges, useStoreApi, type Edge, type Node, type NodeChange } from '@xyflow/react';
import { call, type Canvas, type CanvasNote } from './api';
import { withNote, withoutNote, type CanvasSnapshot } from './history';
import { isNote, toNoteNode, type NoteActions, type NoteData, type NotePatch } from './notes';

type Step = (work: (saved: { snapshot: CanvasSnapshot }) => Promise<void>, shownBeforeSaved?: boolean) => unknown;

type Gone = { nodes: Node[]; edges: Edge[] };

interface Options<N extends Node> {
  /** The canvas on show: its notes are shown whenever it is replaced (a load, an undo, a reload). */
  canvas: Canvas | null;
  path: (rest: string) => string;
  step: Step;
  readOnly: boolean;
  /** The editor's own handlers, given what is not a note. */
  onNodesChange: (changes: NodeChange<N>[]) => void;
  onNodeDragStop: (event: unknown, node: Node, dragged: Node[]) => void;
  onDelete: (gone: Gone) => void;
}

/**
 * The canvas's sticky notes: shown as React Flow nodes of their own, changed through the notes
 * endpoints, each change a step of the editor's history. The editor's own handlers keep the
 * workflow's nodes: the wrappers here take the notes out of what React Flow reports.
 */
export function useNotes<N extends Node>({ canvas, path, step, readOnly, ...editor }: Options<N>) {
  const store = useStoreApi();
  const [nodes, setNodes] = useState<Node<NoteData>[]>([]);
  const ids = useRef(new Set<string>());
  const setAll = useCallback((update: (current: Node<NoteData>[]) => Node<NoteData>[]) => {
    setNodes((current) => {
      const next = update(current);
      ids.current = new Set(next.map((note) => note.id));
      return next;
    });
  }, []);

  const actionsRef = useRef<NoteActions>({ save: () => undefined });
  const actions = useMemo<NoteActions>(() => ({ save: (id, patch) => actionsRef.current.save(id, patch) }), []);
  const shown = useCallback(
    (note: CanvasNote, current: Node<NoteData>) => ({
      ...toNoteNode(note, readOnly, actions),
      selected: current.selected,
    }),
    [readOnly, actions],
  );

  const save = useCallback(
    (id: string, patch: NotePatch) =>
      step(async (saved) => {
        const note = await call<CanvasNote>('PATCH', path(`notes/${id}/`), patch);
        setAll((current) => current.map((each) => (each.id === id ? shown(note, each) : each)));
        saved.snapshot = withNote(saved.snapshot, note);
      }, patch.position !== undefined),
    [path, step, setAll, shown],
  );
  useEffect(() => {
    actionsRef.current = { save };
  });

  useEffect(
    () => setAll(() => (canvas?.notes ?? []).map((note) => toNoteNode(note, readOnly, actions))),
    [canvas, setAll, readOnly, actions],
  );

  /** A new note in the middle of what the canvas shows. */
  const add = useCallback(() => {
    const { width, height, transform } = store.getState();
    const [x, y, zoom] = transform;
    const position = { x: Math.round((width / 2 - x) / zoom - 120), y: Math.round((height / 2 - y) / zoom - 80) };
    return step(async (saved) => {
      const note = await call<CanvasNote>('POST', path('notes/'), { position, text: '' });
      setAll((current) => current.concat({ ...toNoteNode(note, readOnly, actions), selected: true }));
      saved.snapshot = withNote(saved.snapshot, note);
    });
  }, [store, path, step, setAll, readOnly, actions]);

  const { onNodesChange: nodesChanged, onNodeDragStop: dragStopped, onDelete: deleted } = editor;
  const onNodesChange = useCallback(
    (changes: NodeChange<Node>[]) => {
      const mine = changes.filter((change) => 'id' in change && ids.current.has(change.id));
      if (mine.length) setAll((current) => applyNodeChanges(mine, current) as Node<NoteData>[]);
      if (mine.length < changes.length)
        nodesChanged(changes.filter((change) => !mine.includes(change)) as NodeChange<N>[]);
    },
    [setAll, nodesChanged],
  );

  const onNodeDragStop = useCallback(
    (event: unknown, node: Node, dragged: Node[]) => {
      const moved = dragged.filter(isNote);
      const rest = dragged.filter((each) => !isNote(each));
      if (moved.length)
        step(async (saved) => {
          for (const note of moved) {
            const answer = await call<CanvasNote>('PATCH', path(`notes/${note.id}/`), { position: note.position });
            saved.snapshot = withNote(saved.snapshot, answer);
          }
        }, true);
      if (rest.length) dragStopped(event, isNote(node) ? rest[0] : node, rest);
    },
    [path, step, dragStopped],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges }: Gone) => {
      const removed = gone.filter(isNote);
      const rest = gone.filter((each) => !isNote(each));
      if (removed.length)
        step(async (saved) => {
          for (const note of removed) {
            await call('DELETE', path(`notes/${note.id}/`));
            saved.snapshot = withoutNote(saved.snapshot, note.id);
          }
        }, true);
      if (rest.length || edges.length) deleted({ nodes: rest, edges });
    },
    [path, step, deleted],
  );

  return { nodes, add, onNodesChange, onNodeDragStop, onDelete };
}
