import { useState } from 'react';

const PREVIEW_CHARS = 2_000;

/** A JSON value, cut after a couple of thousand characters until asked for more. */
export function JsonView({ value }: { value: unknown }) {
  const [whole, setWhole] = useState(false);
  if (value === null || value === undefined) return <p className="empty">Nothing yet</p>;
  const text = JSON.stringify(value, null, 2);
  const cut = !whole && text.length > PREVIEW_CHARS;
  return (
    <>
      <pre className="json">{cut ? `${text.slice(0, PREVIEW_CHARS)}…` : text}</pre>
      {cut && <button onClick={() => setWhole(true)}>Show all {text.length.toLocaleString()} characters</button>}
    </>
  );
}
