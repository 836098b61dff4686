import { render } from '@testing-library/react';
import { ReactFlowProvider, type NodeProps, type Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { WorkflowNodeView } from './WorkflowNodeView';
import type { NodeData } from './graph';

const view = (data: Partial<NodeData>) => {
  const props = {
    id: 'n1',
    type: 'workflowNode',
    selected: false,
    dragging: false,
    zIndex: 0,
    isConnectable: true,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
    draggable: true,
    selectable: true,
    deletable: true,
    data: { name: 'Over 100?', nodeType: 'condition', routes: ['true', 'false'], state: 'idle', ...data },
  } as unknown as NodeProps<Node<NodeData>>;
  return render(
    <ReactFlowProvider>
      <WorkflowNodeView {...props} />
    </ReactFlowProvider>,
  ).container;
};

describe('a node on the canvas', () => {
  it('has one labelled output handle per route', () => {
    const node = view({});
    expect(
      [...node.querySelectorAll('.react-flow__handle.source')].map((handle) => handle.getAttribute('data-handleid')),
    ).toEqual(['true', 'false']);
    expect([...node.querySelectorAll('.handle-label')].map((label) => label.textContent)).toEqual(['true', 'false']);
    expect(node.querySelectorAll('.react-flow__handle.target')).toHaveLength(1);
  });

  it('wears a pin badge only when its output is pinned', () => {
    expect(view({ pinned: true }).querySelector('[data-testid=pin-badge]')).not.toBeNull();
    expect(view({}).querySelector('[data-testid=pin-badge]')).toBeNull();
  });

  it('labels no handle when there is only the default route', () => {
    const node = view({ nodeType: 'transform', routes: ['default'] });
    expect(node.querySelectorAll('.react-flow__handle.source')).toHaveLength(1);
    expect(node.querySelector('.handle-label')).toBeNull();
  });

  it('shows its state, the route taken, the duration and a retried attempt', () => {
    const node = view({ state: 'completed', route: 'true', durationMs: 2400, attempt: 2 });
    expect(node.querySelector('.wf-node')!.className).toContain('state-completed');
    expect(node.querySelector('.wf-node-type')!.textContent).toBe('condition → true');
    expect(node.querySelector('[data-testid="node-run"]')!.textContent).toBe('completed · 2.4 s · attempt 2');
  });

  it("carries its type's category for the stripe", () => {
    expect(view({ category: 'logic' }).querySelector('.wf-node')!.getAttribute('data-category')).toBe('logic');
  });

  it('looks disabled when it is', () => {
    expect(view({ disabled: true }).querySelector('.wf-node')!.className).toContain('disabled');
    expect(view({}).querySelector('.wf-node')!.className).not.toContain('disabled');
  });

  it('shows no run line before a run', () => {
    expect(view({}).querySelector('[data-testid="node-run"]')).toBeNull();
  });
});
