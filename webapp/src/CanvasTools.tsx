import './canvasTools.css';
import { useEffect, useEffectEvent, useState } from 'react';
import { CanvasSearch } from './CanvasSearch';
import { ShortcutSheet } from './ShortcutSheet';

interface Props {
  readOnly: boolean;
  onAddNote: () => void;
  onTidy: () => void;
  /** Undefined while a run is under way. */
  onRun?: () => void;
}

/**
 * The canvas bar's tools (note, tidy-up, search, shortcuts) and their keys, as n8n has them:
 * Ctrl+F or / searches, Shift+S adds a note, Shift+Alt+T tidies up, Ctrl+Enter runs, ? lists them.
 * In a text field the keys are the field's own.
 */
export function CanvasTools({ readOnly, onAddNote, onTidy, onRun }: Props) {
  const [searching, setSearching] = useState(false);
  const [sheet, setSheet] = useState(false);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable) return;
    const command = event.ctrlKey || event.metaKey;
    let handled = true;
    if ((command && event.key.toLowerCase() === 'f') || (!command && event.key === '/')) setSearching(true);
    else if (event.key === '?') setSheet(true);
    else if (command && event.key === 'Enter' && !readOnly && onRun) onRun();
    else if (event.shiftKey && event.altKey && event.code === 'KeyT' && !readOnly) onTidy();
    else if (event.shiftKey && !event.altKey && !command && event.code === 'KeyS' && !readOnly) onAddNote();
    else handled = false;
    if (handled) event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <>
      {!readOnly && (
        <>
          <button onClick={onAddNote} title="Add a sticky note (Shift+S)">
            + Note
          </button>
          <button onClick={onTidy} title="Tidy up the layout (Shift+Alt+T)">
            Tidy up
          </button>
        </>
      )}
      <button onClick={() => setSearching(true)} title="Search a node (Ctrl+F or /)" aria-label="Search nodes">
        Search
      </button>
      <button onClick={() => setSheet(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        ?
      </button>
      {searching && <CanvasSearch onClose={() => setSearching(false)} />}
      {sheet && <ShortcutSheet onClose={() => setSheet(false)} />}
    </>
  );
}
