import { useMemo, useState } from 'react';
import { useReactFlow, useStoreApi, type Node } from '@xyflow/react';
import { searchNodes } from './canvasSearch';
import { centreOn } from './canvasView';
import type { NodeData } from './graph';
import { NodeIcon } from './nodeIcons';

/**
 * The search box of the canvas: typing lists the nodes whose name matches; Enter or a click centres
 * the view on the node and selects it, which opens its panel.
 */
export function CanvasSearch({ onClose }: { onClose: () => void }) {
  const flow = useReactFlow<Node<NodeData>>();
  const { getNodes } = flow;
  const store = useStoreApi();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const hits = useMemo(
    () =>
      searchNodes(
        getNodes()
          .filter((node) => node.type === 'workflowNode')
          .map((node) => ({ id: node.id, name: node.data.name, nodeType: node.data.nodeType, node })),
        query,
      ),
    [getNodes, query],
  );

  const jump = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    void centreOn(flow, hit.node.position, hit.node.measured, 1, 300);
    store.getState().addSelectedNodes([hit.id]);
    onClose();
  };

  return (
    <div className="canvas-search" role="search">
      <input
        autoFocus
        aria-label="Search nodes on the canvas"
        placeholder="Find a node by name"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onBlur={() => setTimeout(onClose, 150)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
          else if (event.key === 'Enter') jump(active);
          else if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, hits.length - 1));
          else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else return;
          event.preventDefault();
        }}
      />
      {query.trim() && (
        <ul role="listbox" aria-label="Matching nodes">
          {hits.length === 0 && <li className="muted">No node is named like that</li>}
          {hits.map((hit, i) => (
            <li
              key={hit.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                jump(i);
              }}
            >
              <NodeIcon nodeType={hit.nodeType} />
              {hit.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
