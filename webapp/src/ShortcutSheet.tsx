import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';

/** The dialog listing every shortcut of the canvas; Escape, the button or a click outside closes it. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="modal shortcut-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-title"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="shortcut-title">Keyboard shortcuts</h2>
        {SHORTCUTS.map(({ group, items }) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl>
              {items.map((item) => (
                <div key={item.does} className="shortcut">
                  <dt>
                    {item.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 && ' or '}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{item.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <button ref={closeButton} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
