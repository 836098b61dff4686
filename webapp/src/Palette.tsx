import { useMemo, useState } from 'react';
import type { NodeTypeInfo } from './api';
import { NodeIcon } from './nodeIcons';

/** The node types by category, searchable; drag one onto the canvas to add it. */
export function Palette({ types }: { types: NodeTypeInfo[] }) {
  const [search, setSearch] = useState('');
  const groups = useMemo(() => {
    const wanted = search.trim().toLowerCase();
    const byCategory = new Map<string, NodeTypeInfo[]>();
    types
      .filter((type) => !wanted || `${type.name} ${type.key} ${type.description}`.toLowerCase().includes(wanted))
      .forEach((type) => byCategory.set(type.category, [...(byCategory.get(type.category) ?? []), type]));
    return [...byCategory.entries()];
  }, [types, search]);

  return (
    <nav className="palette" aria-label="Node types">
      <input placeholder="Search nodes" value={search} onChange={(e) => setSearch(e.target.value)} />
      {groups.map(([category, members]) => (
        <section key={category}>
          <h3>{category}</h3>
          {members.map((type) => (
            <div
              key={type.key}
              className="palette-item"
              draggable
              title={type.description}
              data-node-type={type.key}
              data-category={type.category}
              onDragStart={(e) => {
                e.dataTransfer.setData('application/x-node-type', type.key);
                e.dataTransfer.effectAllowed = 'move';
              }}
            >
              <NodeIcon nodeType={type.key} category={type.category} />
              {type.name}
            </div>
          ))}
        </section>
      ))}
    </nav>
  );
}
