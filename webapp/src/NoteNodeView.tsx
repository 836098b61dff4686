import './canvasTools.css';
import { memo, useState } from 'react';
import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import { NoteMarkdown } from './NoteMarkdown';
import { NOTE_COLORS, type NoteData } from './notes';

const MAX_TEXT = 20_000;

/**
 * A sticky note: its Markdown rendered; a double-click edits the text (Ctrl+Enter or leaving the
 * field saves, Escape gives up); when selected, handles resize it and dots change its colour.
 */
export const NoteNodeView = memo(function NoteNodeView({ id, data, selected }: NodeProps<Node<NoteData>>) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft !== data.text) data.actions.save(id, { text: draft });
    setDraft(null);
  };
  return (
    <div
      className={`note note-${data.color}${selected ? ' selected' : ''}`}
      data-testid="note"
      onDoubleClick={() => !data.readOnly && setDraft(data.text)}
    >
      {!data.readOnly && (
        <NodeResizer
          isVisible={selected && draft === null}
          minWidth={80}
          minHeight={40}
          onResizeEnd={(_, size) =>
            data.actions.save(id, {
              position: { x: size.x, y: size.y },
              width: Math.round(size.width),
              height: Math.round(size.height),
            })
          }
        />
      )}
      {draft !== null ? (
        <textarea
          className="nodrag nowheel nopan note-editor"
          aria-label="Note text (Markdown)"
          autoFocus
          maxLength={MAX_TEXT}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'Escape') setDraft(null);
            else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) commit();
          }}
        />
      ) : data.text ? (
        <NoteMarkdown text={data.text} />
      ) : (
        <p className="note-empty">{data.readOnly ? '' : 'Double-click to write (Markdown)'}</p>
      )}
      {selected && !data.readOnly && draft === null && (
        <div className="note-colors nodrag">
          {NOTE_COLORS.map((color) => (
            <button
              key={color}
              className={`note-color note-${color}`}
              aria-label={`Colour ${color}`}
              aria-pressed={color === data.color}
              onClick={() => data.actions.save(id, { color })}
            />
          ))}
        </div>
      )}
    </div>
  );
});
