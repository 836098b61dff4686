// The llm node's fields that the generic form cannot draw well: its models (a connection, then one of
// that connection's models, in several rows) and its prompt blocks (chips, found by a search). Both
// read and write the field's text as the node panel keeps it: the JSON of the value.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { describe } from './api';
import { queryKeys } from './query/keys';
import { loadConnections, type LlmConnection } from './ConnectionsPage';
import { searchBlocks, type PromptBlock } from './BlocksPage';

export interface FieldEditorProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
}

/** The editor a node type's field gets instead of the generic input, if any. */
export function dedicatedEditor(
  nodeType: string,
  fieldName: string,
): ((props: FieldEditorProps) => React.ReactNode) | undefined {
  if (nodeType !== 'llm') return undefined;
  if (fieldName === 'models') return ModelsEditor;
  if (fieldName === 'blocks') return BlockChips;
  return undefined;
}

function listOf<T>(text: string): T[] {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

interface ModelChoice {
  connection: string;
  model: string;
}

/** One row per model: its connection, then a model that connection lists (or typed when it lists none). */
export function ModelsEditor({ value, onChange, label }: FieldEditorProps) {
  const rows = listOf<ModelChoice>(value);
  // The same query as the connections page: the list read there is shown here at once, and read again.
  const listed = useQuery({ queryKey: queryKeys.connections(), queryFn: loadConnections });
  const connections: LlmConnection[] = listed.data ?? [];
  const error = listed.error ? describe(listed.error) : null;

  const write = (next: ModelChoice[]) => onChange(next.length ? JSON.stringify(next, null, 2) : '');
  const change = (index: number, row: ModelChoice) => write(rows.map((each, i) => (i === index ? row : each)));
  const modelsOf = (id: string) => connections.find((connection) => connection.id === id)?.models ?? [];

  return (
    <div className="models-editor" role="group" aria-label={label}>
      {rows.map((row, index) => {
        const models = modelsOf(row.connection);
        return (
          <div className="model-row" key={index} data-testid="model-row">
            <select
              aria-label={`Connection ${index + 1}`}
              value={row.connection}
              onChange={(e) => change(index, { connection: e.target.value, model: modelsOf(e.target.value)[0] ?? '' })}
            >
              <option value="" />
              {connections.map((connection) => (
                <option key={connection.id} value={connection.id}>
                  {connection.name}
                </option>
              ))}
              {row.connection && !connections.some((connection) => connection.id === row.connection) && (
                <option value={row.connection}>{row.connection} (unknown)</option>
              )}
            </select>
            {models.length > 0 ? (
              <select
                aria-label={`Model ${index + 1}`}
                value={row.model}
                onChange={(e) => change(index, { ...row, model: e.target.value })}
              >
                {!models.includes(row.model) && <option value={row.model}>{row.model}</option>}
                {models.map((model) => (
                  <option key={model}>{model}</option>
                ))}
              </select>
            ) : (
              <input
                aria-label={`Model ${index + 1}`}
                placeholder="model"
                value={row.model}
                onChange={(e) => change(index, { ...row, model: e.target.value })}
              />
            )}
            <button
              type="button"
              aria-label={`Remove model ${index + 1}`}
              onClick={() => write(rows.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() =>
          write([...rows, { connection: connections[0]?.id ?? '', model: connections[0]?.models?.[0] ?? '' }])
        }
      >
        Add model
      </button>
      {error && <small className="error">{error}</small>}
    </div>
  );
}

const NO_BLOCKS: PromptBlock[] = [];

/** The chosen blocks as chips in the order they go before the prompt; a search adds more. */
export function BlockChips({ value, onChange, label }: FieldEditorProps) {
  const ids = listOf<string>(value);
  const [query, setQuery] = useState('');
  const search = useQuery({
    queryKey: queryKeys.blockSearch({ q: query }),
    queryFn: () => searchBlocks({ q: query }),
    placeholderData: keepPreviousData,
  });
  const found = search.data ?? NO_BLOCKS;
  const error = search.error ? describe(search.error) : null;
  // The titles of every block seen, for the chips of blocks the current search no longer finds.
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [seen, setSeen] = useState(found);
  if (seen !== found) {
    setSeen(found);
    setTitles((known) => ({ ...known, ...Object.fromEntries(found.map((block) => [block.id, block.title])) }));
  }

  // Written as the panel writes a loaded list (an empty one too): adding and removing a chip leaves nothing unsaved.
  const write = (next: string[]) => onChange(JSON.stringify(next, null, 2));

  return (
    <div className="block-chips" role="group" aria-label={label}>
      <div className="chips">
        {ids.map((id) => (
          <span className="chip" key={id} data-block-id={id}>
            {titles[id] ?? id}
            <button
              type="button"
              aria-label={`Remove ${titles[id] ?? id}`}
              onClick={() => write(ids.filter((each) => each !== id))}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      <input
        aria-label="Search blocks"
        placeholder="Search blocks"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="block-results">
        {found
          .filter((block) => !ids.includes(block.id))
          .slice(0, 8)
          .map((block) => (
            <button
              type="button"
              key={block.id}
              onClick={() => write([...ids, block.id])}
              title={block.content.slice(0, 200)}
            >
              + {block.title}
            </button>
          ))}
      </div>
      {error && <small className="error">{error}</small>}
    </div>
  );
}
