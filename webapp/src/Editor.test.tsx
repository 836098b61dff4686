import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { render } from './test/render';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Editor } from './Editor';
import { FakeSocket } from './test/fakeSocket';
import { apiError, json, mockFetch, type FetchCall } from './test/fetchMock';

const canvas = {
  id: 'wf1',
  name: 'Orders',
  version: 4,
  active: false,
  nodes: [
    {
      id: 't',
      node_type: 'manual-trigger',
      name: 'Start',
      position: { x: 0, y: 0 },
      form_values: {},
      routes: ['default'],
    },
    {
      id: 'c',
      node_type: 'condition',
      name: 'Big?',
      position: { x: 200, y: 0 },
      form_values: {},
      routes: ['true', 'false'],
    },
  ],
  edges: [{ id: 'e1', source: 't', source_handle: 'default', target: 'c' }],
};

const nodeClass = (id: string) =>
  document.querySelector(`.react-flow__node[data-id="${id}"] .wf-node`)?.className ?? '';

describe('the editor', () => {
  beforeEach(() => {
    FakeSocket.opened = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    sessionStorage.setItem('orchestrator.token', 'wfo_test');
    mockFetch({
      'GET workflow/wf1/canvas_data/': () => json(canvas),
      'GET nodes/': () => json({ node_types: [] }),
      'GET runs/?workflow_id=wf1&limit=50': () => json({ runs: [] }),
    });
  });
  afterEach(() => vi.useRealTimers());

  it('shows live node states from the WebSocket, and after a dropped connection reconnects and takes the new state_sync', async () => {
    render(<Editor workflowId="wf1" onClose={() => {}} onUnauthorized={() => {}} />);
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node')).toHaveLength(2));
    const first = FakeSocket.opened[0];
    expect(first.url).toContain('/ws/workflow/wf1/');
    expect(first.protocols).toEqual(['bearer', 'bearer.wfo_test']);
    first.open();
    expect(screen.getByTestId('live').textContent).toBe('Live');

    first.receive({ type: 'workflow_started', task_id: 'r1' });
    first.receive({ type: 'node_started', task_id: 'r1', node_id: 't', timestamp: '2026-11-30T10:00:00.000Z' });
    first.receive({
      type: 'node_completed',
      task_id: 'r1',
      node_id: 't',
      route: 'default',
      timestamp: '2026-11-30T10:00:00.040Z',
    });
    first.receive({ type: 'node_started', task_id: 'r1', node_id: 'c', timestamp: '2026-11-30T10:00:00.050Z' });
    expect(nodeClass('t')).toContain('state-completed');
    expect(document.querySelector('.react-flow__node[data-id="t"] [data-testid="node-run"]')!.textContent).toBe(
      'completed · 40 ms',
    );
    expect(nodeClass('c')).toContain('state-running');
    expect(screen.getByTestId('run-status').textContent).toBe('STARTED');
    expect(screen.getByTestId('run-counts').textContent).toBe('1 running1 completed');

    vi.useFakeTimers();
    first.drop();
    expect(screen.getByTestId('live').textContent).toBe('Reconnecting…');
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(FakeSocket.opened).toHaveLength(2);
    const second = FakeSocket.opened[1];
    second.open();
    // The run finished while the socket was down: the state_sync on connect tells the whole of it.
    second.receive({
      type: 'state_sync',
      state: {
        task_id: 'r1',
        status: 'success',
        task_status: 'SUCCESS',
        executing_nodes: {},
        completed_nodes: [
          { node_id: 't', route: 'default', attempt: 1, duration_seconds: 0.04 },
          { node_id: 'c', route: 'false', attempt: 1, duration_seconds: 0.012 },
        ],
      },
    });
    expect(screen.getByTestId('live').textContent).toBe('Live');
    expect(screen.getByTestId('run-status').textContent).toBe('SUCCESS');
    expect(nodeClass('c')).toContain('state-completed');
    expect(document.querySelector('.react-flow__node[data-id="c"] .wf-node-type')!.textContent).toBe(
      'condition → false',
    );
    expect(screen.getByTestId('run-counts').textContent).toBe('2 completed');
  });

  it('signs out, without reconnecting, when the server closes the socket because the token ended', async () => {
    const unauthorized = vi.fn();
    render(<Editor workflowId="wf1" onClose={() => {}} onUnauthorized={unauthorized} />);
    await waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    FakeSocket.opened[0].open();

    vi.useFakeTimers();
    FakeSocket.opened[0].drop(1008);
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(unauthorized).toHaveBeenCalledTimes(1);
    expect(FakeSocket.opened).toHaveLength(1);
  });

  it('asks the API once whether the token still works when a handshake is refused, and signs out when it does not', async () => {
    const unauthorized = vi.fn();
    let asked = 0;
    mockFetch({
      'GET workflow/wf1/canvas_data/': () => json(canvas),
      'GET nodes/': () => json({ node_types: [] }),
      'GET runs/?workflow_id=wf1&limit=50': () => json({ runs: [] }),
      'GET workflow/?limit=1': () => {
        asked += 1;
        return apiError(401, 'UNAUTHORIZED', 'The token is unknown, expired or revoked');
      },
    });
    render(<Editor workflowId="wf1" onClose={() => {}} onUnauthorized={unauthorized} />);
    await waitFor(() => expect(FakeSocket.opened).toHaveLength(1));

    FakeSocket.opened[0].drop();

    await waitFor(() => expect(unauthorized).toHaveBeenCalled());
    expect(asked).toBe(1);
    expect(FakeSocket.opened).toHaveLength(1);
  });

  it("undoes a saved rename with one PUT of the canvas before it, at the server's current version, and redoes it", async () => {
    let version = 4;
    let stored = canvas;
    const server = mockFetch({
      'GET workflow/wf1/canvas_data/': () => json({ ...stored, version }),
      'GET nodes/': () => json({ node_types: [] }),
      'GET runs/?workflow_id=wf1&limit=50': () => json({ runs: [] }),
      'GET workflow/wf1/nodes/c/input/': () => json({ input_data: null }),
      'GET workflow/wf1/nodes/c/output/': () => json({ output_data: null }),
      'PATCH workflow/wf1/nodes/c/': (request: FetchCall) => {
        const renamed = { ...canvas.nodes[1], name: (request.body as { name: string }).name };
        stored = { ...canvas, nodes: [canvas.nodes[0], renamed] };
        version++;
        return json(renamed);
      },
      'PUT workflow/wf1/canvas_data/': (request: FetchCall) => {
        const body = request.body as { nodes: typeof canvas.nodes; edges: typeof canvas.edges };
        stored = {
          ...canvas,
          nodes: body.nodes.map((node) => ({ ...node, routes: canvas.nodes.find((n) => n.id === node.id)!.routes })),
          edges: body.edges,
        };
        version++;
        return json({ ...stored, version, id_map: {} });
      },
    });
    render(<Editor workflowId="wf1" onClose={() => {}} onUnauthorized={() => {}} />);
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node')).toHaveLength(2));
    const name = () => document.querySelector('.react-flow__node[data-id="c"] .wf-node-name')!.textContent;
    const undo = screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);

    fireEvent.click(document.querySelector('.react-flow__node[data-id="c"]')!);
    const panel = await screen.findByLabelText('Node settings');
    fireEvent.change(panel.querySelector('input')!, { target: { value: 'Over 100?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(name()).toBe('Over 100?'));
    expect(undo.disabled).toBe(false);

    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(name()).toBe('Big?'));
    const put = server.callsTo('PUT', 'workflow/wf1/canvas_data/');
    expect(put).toHaveLength(1);
    expect(put[0].body).toMatchObject({
      version: 5,
      edges: [{ id: 'e1', source: 't', source_handle: 'default', target: 'c' }],
    });
    expect(
      (put[0].body as { nodes: { id: string; name: string }[] }).nodes.map((node) => [node.id, node.name]),
    ).toEqual([
      ['t', 'Start'],
      ['c', 'Big?'],
    ]);
    expect(stored.nodes[1].name).toBe('Big?');

    fireEvent.keyDown(document.body, { key: 'Z', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(name()).toBe('Over 100?'));
    expect(stored.nodes[1].name).toBe('Over 100?');
    expect(server.callsTo('PUT', 'workflow/wf1/canvas_data/')[1].body).toMatchObject({ version: 6 });
  });
});
