// The parts the list pages (workflows, connections, blocks) share: the error line, the table with its
// empty row, and the form that creates or edits one item.

export function ErrorLine({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}

/** A table of items: its headings, a row per item (the children), and a line that says when there is none. */
export function ListTable({
  headings,
  empty,
  children,
}: {
  headings: string[];
  /** Shown instead of the rows when there are none. */
  empty: string | null;
  children: React.ReactNode;
}) {
  return (
    <table>
      <thead>
        <tr>
          {headings.map((heading, i) => (
            <th key={i}>{heading}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {children}
        {empty && (
          <tr>
            <td colSpan={headings.length} className="empty">
              {empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The form under a list that creates or edits one item: its fields, then Cancel and Save. */
export function ItemForm({
  label,
  title,
  onSubmit,
  onCancel,
  children,
}: {
  label: string;
  title: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: React.ReactNode;
}) {
  return (
    <form
      className="side-form"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h3>{title}</h3>
      {children}
      <div className="modal-buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Save
        </button>
      </div>
    </form>
  );
}

/** One labelled field of an item form, with the server's message about it. */
export function ItemField({ label, error, children }: { label: string; error?: string; children: React.ReactNode }) {
  return (
    <label className={error ? 'invalid' : undefined}>
      {label}
      {children}
      {error && <small className="error">{error}</small>}
    </label>
  );
}
