import { useMemo, useRef, useState } from 'react';
import type { NodeTypeInfo } from './api';
import { NodeIcon } from './nodeIcons';

interface Props {
  types: NodeTypeInfo[];
  /** A node type chosen with the keyboard (Enter or Space on it): the canvas adds it. */
  onAdd?: (nodeType: string) => void;
}

/**
 * The node types by category, searchable; drag one onto the canvas to add it, or reach it with the
 * keyboard: Tab stops once on the list (at the last item used), the arrow keys, Home and End move
 * along it, Enter adds the node.
 */
export function Palette({ types, onAdd }: Props) {
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => {
    const wanted = search.trim().toLowerCase();
    const byCategory = new Map<string, NodeTypeInfo[]>();
    types
      .filter((type) => !wanted || `${type.name} ${type.key} ${type.description}`.toLowerCase().includes(wanted))
      .forEach((type) => byCategory.set(type.category, [...(byCategory.get(type.category) ?? []), type]));
    return [...byCategory.entries()];
  }, [types, search]);
  const count = groups.reduce((sum, [, members]) => sum + members.length, 0);
  // One item takes the Tab stop: the one last moved to, or the first when the search left fewer.
  const current = active < count ? active : 0;

  const moveTo = (index: number) => {
    const next = (index + count) % count;
    setActive(next);
    list.current?.querySelectorAll<HTMLElement>('.palette-item')[next]?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent, index: number, type: NodeTypeInfo) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: count - 1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]);
    } else if ((event.key === 'Enter' || event.key === ' ') && onAdd) {
      event.preventDefault();
      onAdd(type.key);
    }
  };

  let index = 0;
  return (
    <nav className="palette" aria-label="Node types">
      <input
        placeholder="Search nodes"
        aria-label="Search nodes"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && count > 0) {
            e.preventDefault();
            moveTo(current);
          }
        }}
      />
      <div ref={list}>
        {groups.map(([category, members]) => (
          <section key={category}>
            <h3>{category}</h3>
            {members.map((type) => {
              const at = index++;
              return (
                <div
                  key={type.key}
                  className="palette-item"
                  role="button"
                  tabIndex={at === current ? 0 : -1}
                  draggable
                  title={type.description}
                  aria-description={onAdd ? 'Enter adds it to the canvas' : undefined}
                  data-node-type={type.key}
                  data-category={type.category}
                  onFocus={() => setActive(at)}
                  onKeyDown={(e) => onKeyDown(e, at, type)}
                  onDragStart={(e) => {
                    e.dataTransfer.setData('application/x-node-type', type.key);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                >
                  <NodeIcon nodeType={type.key} category={type.category} />
                  {type.name}
                </div>
              );
            })}
          </section>
        ))}
      </div>
    </nav>
  );
}
