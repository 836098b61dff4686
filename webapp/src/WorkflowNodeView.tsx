import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { NodeData } from './graph';

/** A node on the canvas: its name and type, its state in the current run, one output handle per route. */
export function WorkflowNodeView({ data, selected }: NodeProps<Node<NodeData>>) {
  const routes = data.routes.length ? data.routes : ['default'];
  return (
    <div className={`wf-node state-${data.state}${selected ? ' selected' : ''}`} data-node-type={data.nodeType}>
      <Handle type="target" position={Position.Left} />
      <div className="wf-node-name">{data.name}</div>
      <div className="wf-node-type">{data.nodeType}{data.route && data.route !== 'default' ? ` → ${data.route}` : ''}</div>
      {routes.map((route, i) => (
        <Handle key={route} id={route} type="source" position={Position.Right}
                style={{ top: `${((i + 1) * 100) / (routes.length + 1)}%` }} title={route}>
          {routes.length > 1 && <span className="handle-label">{route}</span>}
        </Handle>
      ))}
    </div>
  );
}
