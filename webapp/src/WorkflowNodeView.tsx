import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { formatDuration, type NodeData } from './graph';
import { NodeIcon } from './nodeIcons';

/**
 * A node on the canvas: its name and type, its state in the run on show (with the route it took, its
 * duration and, after retries, its attempt), one output handle per route.
 */
export function WorkflowNodeView({ data, selected }: NodeProps<Node<NodeData>>) {
  const routes = data.routes.length ? data.routes : ['default'];
  return (
    <div
      className={`wf-node state-${data.state}${selected ? ' selected' : ''}${data.disabled ? ' disabled' : ''}`}
      data-node-type={data.nodeType}
      data-category={data.category}
    >
      <Handle type="target" position={Position.Left} />
      <div className="wf-node-name">
        <NodeIcon nodeType={data.nodeType} category={data.category} />
        {data.name}
      </div>
      {data.pinned && <PinBadge />}
      <div className="wf-node-type">
        {data.nodeType}
        {data.route && data.route !== 'default' ? ` → ${data.route}` : ''}
      </div>
      {data.state !== 'idle' && <RunLine data={data} />}
      {routes.map((route, i) => (
        <Handle
          key={route}
          id={route}
          type="source"
          position={Position.Right}
          style={{ top: `${((i + 1) * 100) / (routes.length + 1)}%` }}
          title={route}
        >
          {routes.length > 1 && <span className="handle-label">{route}</span>}
        </Handle>
      ))}
    </div>
  );
}

function RunLine({ data }: { data: NodeData }) {
  const parts: string[] = [data.state];
  if (data.durationMs !== undefined) parts.push(formatDuration(data.durationMs));
  if ((data.attempt ?? 1) > 1) parts.push(`attempt ${data.attempt}`);
  return (
    <div className="wf-node-run" data-testid="node-run">
      {parts.join(' · ')}
    </div>
  );
}

/** A drawn pin, not an emoji: the machine may have no emoji font. Static, so it costs a pinned node nothing per render. */
function PinBadge() {
  return (
    <svg
      className="pin-badge"
      data-testid="pin-badge"
      viewBox="0 0 16 16"
      width="12"
      height="12"
      aria-label="Pinned output"
    >
      <title>Pinned output</title>
      <path d="M10 1l5 5-2 1-3 3 1 4-1 1-3-3-4 4-1-1 4-4-3-3 1-1 4 1 3-3z" fill="currentColor" />
    </svg>
  );
}
