import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Inspector } from './Inspector';
import type { CanvasNode } from './api';
import { json, mockFetch } from './test/fetchMock';

const node = (pin: Partial<CanvasNode> = {}): CanvasNode => ({
  id: 'n1',
  node_type: 'condition',
  name: 'Check',
  position: { x: 0, y: 0 },
  form_values: {},
  routes: ['true', 'false'],
  pinned_output: null,
  pinned_route: null,
  ...pin,
});

const run = {
  'GET runs/t1/': () =>
    json({ node_executions: [{ node_id: 'n1', attempt: 1, input: { n: 1 }, output: { ok: 1 }, route: 'false' }] }),
};

describe('pinning in the Inspector', () => {
  beforeEach(() => localStorage.clear());

  it('pins the output shown with the route it took, and hands the saved node to the canvas', async () => {
    const saved = node({ pinned_output: { ok: 1 }, pinned_route: 'false' });
    const server = mockFetch({ ...run, 'POST workflow/wf1/nodes/n1/pin/': () => json(saved) });
    const onPinned = vi.fn();
    render(<Inspector workflowId="wf1" nodeId="n1" taskId="t1" refresh={0} node={node()} onPinned={onPinned} />);
    await waitFor(() => expect(document.querySelector('pre.json')).not.toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Pin output' }));

    await waitFor(() => expect(onPinned).toHaveBeenCalledWith(saved));
    expect(server.calls.find((c) => c.method === 'POST')!.body).toEqual({ output: { ok: 1 }, route: 'false' });
  });

  it('shows a pinned node its pinned output with a note, and unpins it', async () => {
    const pinned = node({ pinned_output: { kept: true }, pinned_route: 'true' });
    mockFetch({ ...run, 'DELETE workflow/wf1/nodes/n1/pin/': () => json(node()) });
    const onPinned = vi.fn();
    render(<Inspector workflowId="wf1" nodeId="n1" taskId="t1" refresh={0} node={pinned} onPinned={onPinned} />);

    await waitFor(() =>
      expect(JSON.parse(screen.getByTestId('data-output').querySelector('pre')!.textContent!)).toEqual({ kept: true }),
    );
    expect(screen.getByTestId('pinned-note').textContent).toContain('route true');
    fireEvent.click(screen.getByRole('button', { name: 'Unpin' }));
    await waitFor(() => expect(onPinned).toHaveBeenCalledWith(node()));
  });

  it('shows why a pin was refused', async () => {
    mockFetch({
      ...run,
      'POST workflow/wf1/nodes/n1/pin/': () =>
        json({ error: 'The output cannot be pinned', code: 'VALIDATION_ERROR', details: {} }, 422),
    });
    render(<Inspector workflowId="wf1" nodeId="n1" taskId="t1" refresh={0} node={node()} />);
    await waitFor(() => expect(document.querySelector('pre.json')).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Pin output' }));
    expect((await screen.findByText(/cannot be pinned/)).className).toBe('error');
  });
});
