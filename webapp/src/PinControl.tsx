import { useState } from 'react';
import { call, describe, type CanvasNode } from './api';
import type { Pin } from './Inspector';

interface Props {
  workflowId: string;
  nodeId: string;
  pin: Pin | null;
  /** The node's output shown now, and the route it took when known: what "Pin" keeps. */
  output: unknown;
  route: string | null;
  readOnly: boolean;
  onPinned: (node: CanvasNode) => void;
}

/**
 * Pins the output shown (n8n's pinned data): development runs and executions downstream use it
 * instead of executing the node; production runs never do. Unpin drops it.
 */
export function PinControl({ workflowId, nodeId, pin, output, route, readOnly, onPinned }: Props) {
  const [error, setError] = useState<string | null>(null);
  const path = `workflow/${workflowId}/nodes/${nodeId}/pin/`;
  const change = (request: Promise<CanvasNode>) =>
    request.then(
      (node) => {
        setError(null);
        onPinned(node);
      },
      (failed) => setError(describe(failed)),
    );
  return (
    <div className="pin-control">
      {pin ? (
        <>
          <p className="pinned-note" data-testid="pinned-note">
            Pinned output{pin.route !== 'default' ? ` (route ${pin.route})` : ''}: development runs and executions
            downstream use it instead of running this node.
          </p>
          <button type="button" disabled={readOnly} onClick={() => change(call<CanvasNode>('DELETE', path))}>
            Unpin
          </button>
        </>
      ) : (
        <button
          type="button"
          disabled={readOnly || output === null || output === undefined}
          title="Keep this output: development runs use it instead of running the node"
          onClick={() => change(call<CanvasNode>('POST', path, { output, route: route ?? 'default' }))}
        >
          Pin output
        </button>
      )}
      {error && <p className="error">{error}</p>}
    </div>
  );
}
