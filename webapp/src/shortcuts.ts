// Every keyboard shortcut of the canvas, as the shortcut sheet lists them. Keep in step with the
// handlers: Editor (delete, copy, paste, undo, redo), CanvasTools (search, note, tidy-up, run,
// this sheet) and NoteNodeView (editing a note).

export interface Shortcut {
  keys: string[];
  does: string;
}

export const SHORTCUTS: { group: string; items: Shortcut[] }[] = [
  {
    group: 'Canvas',
    items: [
      { keys: ['Ctrl+F', '/'], does: 'Search a node by name and jump to it' },
      { keys: ['Shift+Alt+T'], does: 'Tidy up the layout' },
      { keys: ['Shift+S'], does: 'Add a sticky note' },
      { keys: ['Ctrl+Enter'], does: 'Run the workflow' },
      { keys: ['?'], does: 'Show these shortcuts' },
      { keys: ['Esc'], does: 'Close the search or this sheet' },
    ],
  },
  {
    group: 'Editing',
    items: [
      { keys: ['Delete', 'Backspace'], does: 'Delete the selected nodes, edges and notes' },
      { keys: ['Ctrl+C', 'Ctrl+V'], does: 'Copy and paste the selected nodes with the edges between them' },
      { keys: ['Ctrl+Z'], does: 'Undo' },
      { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], does: 'Redo' },
    ],
  },
  {
    group: 'Selecting and moving',
    items: [
      { keys: ['Click'], does: 'Select a node and open its panel' },
      { keys: ['Ctrl+click', 'Shift+drag'], does: 'Select several' },
      { keys: ['Drag the pane'], does: 'Pan' },
      { keys: ['Wheel'], does: 'Zoom' },
    ],
  },
  {
    group: 'Notes',
    items: [
      { keys: ['Double-click'], does: 'Edit a note (Markdown)' },
      { keys: ['Ctrl+Enter'], does: 'Save the note being edited (leaving it saves too)' },
      { keys: ['Esc'], does: 'Stop editing without saving' },
    ],
  },
];
