import { useState } from 'react';
import { JsonView } from './JsonView';
import { dragExpression } from './dataDrag';
import {
  cellPath,
  cellText,
  expressionFor,
  headerPath,
  inferSchema,
  tableOf,
  type DataSource,
  type PathSegment,
  type SchemaEntry,
} from './dataPaths';

type Mode = 'table' | 'json' | 'schema';

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'table', label: 'Table' },
  { mode: 'json', label: 'JSON' },
  { mode: 'schema', label: 'Schema' },
];

interface Props {
  /** The heading, e.g. Input or Output: it names the tabs for assistive technology. */
  title: string;
  value: unknown;
  source: DataSource;
  /** Fields can be dragged into the node's settings as expressions. */
  draggable?: boolean;
}

/** A node's input or output as a table, JSON or a schema (n8n's data views), switched by tabs. */
export function DataView({ title, value, source, draggable = false }: Props) {
  const [mode, setMode] = useState<Mode>(() => storedMode(title));
  const choose = (chosen: Mode) => {
    setMode(chosen);
    localStorage.setItem(modeKey(title), chosen);
  };
  const drag = draggable
    ? (path: PathSegment[]) => ({
        draggable: true,
        onDragStart: (event: React.DragEvent) => dragExpression(event, expressionFor(path, source, value)),
        title: `Drag into a field: ${expressionFor(path, source, value)}`,
      })
    : () => ({});
  const empty = value === null || value === undefined;
  return (
    <div className="data-view" data-testid={`data-${title.toLowerCase()}`}>
      <div className="data-view-head">
        <h3>{title}</h3>
        <div role="tablist" aria-label={`${title} view`} className="data-tabs">
          {MODES.map((each) => (
            <button
              key={each.mode}
              role="tab"
              type="button"
              aria-selected={mode === each.mode}
              className={mode === each.mode ? 'active' : undefined}
              onClick={() => choose(each.mode)}
            >
              {each.label}
            </button>
          ))}
        </div>
      </div>
      <div role="tabpanel" aria-label={`${title} as ${mode}`}>
        {empty ? (
          <p className="empty">Nothing yet</p>
        ) : mode === 'json' ? (
          <JsonView value={value} />
        ) : mode === 'schema' ? (
          <SchemaView {...inferSchema(value)} drag={drag} />
        ) : (
          <TableView value={value} drag={drag} />
        )}
      </div>
    </div>
  );
}

// The view last chosen for inputs (or outputs) stays chosen from node to node and visit to visit; JSON
// until the user picks another.
const modeKey = (title: string) => `orchestrator.dataView.${title.toLowerCase()}`;

function storedMode(title: string): Mode {
  const stored = localStorage.getItem(modeKey(title));
  return MODES.some((each) => each.mode === stored) ? (stored as Mode) : 'json';
}

type DragProps = (path: PathSegment[]) => Partial<React.HTMLAttributes<HTMLElement>> & { draggable?: boolean };

function TableView({ value, drag }: { value: unknown; drag: DragProps }) {
  const table = tableOf(value);
  return (
    <div className="data-table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            {table.rows.some((row) => row.index !== null) && <th>#</th>}
            {table.columns.map((column) => (
              <th key={column} {...drag(headerPath(value, column))}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.index ?? 'one'}>
              {row.index !== null && <td className="row-index">{row.index}</td>}
              {table.columns.map((column) => (
                <td key={column} {...(column in row.cells ? drag(cellPath(value, row.index, column)) : {})}>
                  {cellText(row.cells[column])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {(table.moreRows > 0 || table.moreColumns > 0) && (
        <p className="more">
          {[
            table.moreRows > 0 && `${table.moreRows.toLocaleString()} more rows`,
            table.moreColumns > 0 && `${table.moreColumns.toLocaleString()} more columns`,
          ]
            .filter(Boolean)
            .join(', ')}{' '}
          not shown: see JSON
        </p>
      )}
    </div>
  );
}

function SchemaView({ entries, more, drag }: { entries: SchemaEntry[]; more: number; drag: DragProps }) {
  if (entries.length === 0) return <p className="empty">No fields: a single value</p>;
  return (
    <ul className="data-schema">
      {more > 0 && <li className="more">{more.toLocaleString()} more fields not shown: see JSON</li>}
      {entries.map((entry) => (
        <li key={entry.key}>
          <span className="schema-field" {...drag(entry.path)}>
            <span className={`schema-type type-${entry.type}`}>{entry.type}</span> {entry.key}
          </span>
          {entry.children.length > 0 ? (
            <SchemaView entries={entry.children} more={entry.more} drag={drag} />
          ) : (
            entry.more > 0 && <span className="more"> {entry.more.toLocaleString()} fields deeper</span>
          )}
        </li>
      ))}
    </ul>
  );
}
