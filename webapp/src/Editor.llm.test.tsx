import { fireEvent, screen, waitFor } from '@testing-library/react';
import { render } from './test/render';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Editor } from './Editor';
import { FakeSocket } from './test/fakeSocket';
import { apiError, json, mockFetch, type Route } from './test/fetchMock';
import type { WaitRequest } from './llmRun';

const canvas = {
  id: 'wf1',
  name: 'Angles',
  version: 1,
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
      id: 'llm',
      node_type: 'llm',
      name: 'Two models',
      position: { x: 200, y: 0 },
      form_values: {},
      routes: ['default', 'error'],
    },
    {
      id: 'ask',
      node_type: 'human-input',
      name: 'Choose',
      position: { x: 400, y: 0 },
      form_values: {},
      routes: ['default', 'rejected', 'timeout'],
    },
  ],
  edges: [],
};
const request: WaitRequest = {
  prompt: 'Pick one',
  candidates: [
    { index: 0, model: 'llama-3-8b', text: 'First angle' },
    { index: 1, model: 'qwen-7b', text: 'Second angle' },
  ],
  mode: 'select_one',
  allow_edit: false,
  allow_feedback: true,
};

const open = async (routes: Record<string, Route> = {}) => {
  const server = mockFetch({
    'GET workflow/wf1/canvas_data/': () => json(canvas),
    'GET nodes/': () => json({ node_types: [] }),
    'GET runs/?workflow_id=wf1&limit=50': () => json({ runs: [] }),
    ...routes,
  });
  render(<Editor workflowId="wf1" onClose={() => {}} onUnauthorized={() => {}} />);
  await waitFor(() => expect(document.querySelectorAll('.react-flow__node')).toHaveLength(3));
  const socket = FakeSocket.opened[0];
  socket.open();
  return { server, socket };
};
const status = () => screen.getByTestId('run-status').textContent;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('the editor with llm and human-input nodes', () => {
  beforeEach(() => {
    FakeSocket.opened = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    sessionStorage.setItem('orchestrator.token', 'wfo_test');
  });

  it('pauses a run under way and resumes it (resume without a node), PAUSED shown as its status', async () => {
    const { server, socket } = await open({
      'POST runs/r1/pause/': () => json({ task_id: 'r1', status: 'PAUSED' }),
      'POST runs/r1/resume/': () => json({ task_id: 'r1', status: 'STARTED' }),
    });
    expect(button('Pause').disabled).toBe(true);
    socket.receive({ type: 'workflow_started', task_id: 'r1' });
    expect(button('Pause').disabled).toBe(false);

    fireEvent.click(button('Pause'));
    await waitFor(() => expect(status()).toBe('PAUSED'));
    expect(server.callsTo('POST', 'runs/r1/pause/')).toHaveLength(1);
    expect(button('Run').disabled).toBe(true);
    expect(button('Stop').disabled).toBe(false);

    fireEvent.click(button('Resume'));
    await waitFor(() => expect(status()).toBe('STARTED'));
    expect(server.callsTo('POST', 'runs/r1/resume/').map((call) => call.body)).toEqual([{}]);

    // Another client's pause comes as an event.
    socket.receive({ type: 'workflow_paused', task_id: 'r1' });
    expect(status()).toBe('PAUSED');
    expect(button('Resume')).toBeTruthy();
  });

  it("shows a refused pause in the API's words", async () => {
    const { socket } = await open({
      'POST runs/r1/pause/': () => apiError(409, 'CONFLICT', 'The run has already finished', { status: 'SUCCESS' }),
    });
    socket.receive({ type: 'workflow_started', task_id: 'r1' });
    fireEvent.click(button('Pause'));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('The run has already finished: status: SUCCESS'),
    );
  });

  it('opens the panel of a waiting human-input node from node_waiting; the answer resumes the run and closes it', async () => {
    const { server, socket } = await open({ 'POST runs/r1/resume/': () => json({ task_id: 'r1', status: 'STARTED' }) });
    socket.receive({ type: 'workflow_started', task_id: 'r1' });
    socket.receive({
      type: 'stream_token',
      task_id: 'r1',
      node_id: 'llm',
      candidate: 0,
      model: 'llama-3-8b',
      content: 'First',
    });
    socket.receive({ type: 'node_waiting', task_id: 'r1', node_id: 'ask', request });
    socket.receive({ type: 'workflow_waiting', task_id: 'r1' });
    const panel = screen.getByRole('region', { name: 'Waiting for you' });
    expect(panel.textContent).toContain('Choose is waiting for you');
    expect(document.querySelector('.react-flow__node[data-id="ask"] .wf-node')!.className).toContain('state-waiting');

    fireEvent.click(screen.getByLabelText('Candidate 2'));
    fireEvent.click(button('Approve'));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Waiting for you' })).toBeNull());
    expect(server.callsTo('POST', 'runs/r1/resume/')[0].body).toEqual({
      node_id: 'ask',
      action: 'select',
      selected: [1],
    });

    // A regenerate makes the node wait again: a new question, a new panel.
    socket.receive({
      type: 'node_waiting',
      task_id: 'r1',
      node_id: 'ask',
      request: { ...request, prompt: 'Pick again' },
    });
    expect(screen.getByRole('region', { name: 'Waiting for you' }).textContent).toContain('Pick again');
  });

  it("finds a wait the socket did not report in the run's stored steps", async () => {
    const { socket, server } = await open({
      'GET runs/r1/': () =>
        json({
          task_id: 'r1',
          status: 'WAITING',
          node_executions: [
            { node_id: 'llm', status: 'SUCCESS', route: 'default', attempt: 1 },
            { node_id: 'ask', status: 'WAITING', route: null, attempt: 1, request },
          ],
        }),
    });
    socket.receive({
      type: 'state_sync',
      state: {
        task_id: 'r1',
        status: 'waiting',
        task_status: 'WAITING',
        executing_nodes: {},
        completed_nodes: [{ node_id: 'llm', route: 'default', attempt: 1 }],
        waiting_nodes: [{ node_id: 'ask', attempt: 1 }],
      },
    });
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Waiting for you' }).textContent).toContain('Pick one'),
    );
    expect(server.callsTo('GET', 'runs/r1/').length).toBeGreaterThan(0);
  });

  it('takes the wait from state_sync when the server sends the request there', async () => {
    const { socket } = await open();
    socket.receive({
      type: 'state_sync',
      state: {
        task_id: 'r1',
        status: 'waiting',
        task_status: 'WAITING',
        executing_nodes: {},
        completed_nodes: [],
        waiting_nodes: [{ node_id: 'ask', attempt: 1, request }],
      },
    });
    expect(screen.getByRole('region', { name: 'Waiting for you' }).textContent).toContain('Pick one');
  });

  it("streams the selected llm node's candidates into the inspector", async () => {
    const { socket } = await open({
      'GET runs/r1/': () => json({ node_executions: [] }),
      'GET workflow/wf1/nodes/llm/input/': () => json({ input_data: null }),
      'GET workflow/wf1/nodes/llm/output/': () => json({ output_data: null }),
    });
    socket.receive({ type: 'workflow_started', task_id: 'r1' });
    socket.receive({ type: 'node_started', task_id: 'r1', node_id: 'llm' });
    fireEvent.click(document.querySelector('.react-flow__node[data-id="llm"]')!);
    await screen.findByLabelText('Node data');
    socket.receive({
      type: 'stream_token',
      task_id: 'r1',
      node_id: 'llm',
      candidate: 1,
      model: 'qwen-7b',
      content: 'Sec',
    });
    socket.receive({
      type: 'stream_token',
      task_id: 'r1',
      node_id: 'llm',
      candidate: 0,
      model: 'llama-3-8b',
      content: 'Fir',
    });
    socket.receive({
      type: 'stream_token',
      task_id: 'r1',
      node_id: 'llm',
      candidate: 1,
      model: 'qwen-7b',
      content: 'ond',
    });
    const streamed = () =>
      Array.from(
        document.querySelectorAll('[aria-label="Streaming candidates"] .candidate'),
        (card) => card.textContent,
      );
    expect(streamed()).toEqual(['#1 · llama-3-8bFir', '#2 · qwen-7bSecond']);
  });

  it('exports the workflow as YAML or JSON, downloaded under its name', async () => {
    const { server } = await open({
      'GET workflow/wf1/export/?format=yaml': () => new Response('name: Angles\n', { status: 200 }),
      'GET workflow/wf1/export/?format=json': () => json({ name: 'Angles' }),
    });
    const blobs: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:x'), revokeObjectURL: () => {} }),
    );
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });

    fireEvent.click(button('Export YAML'));
    await waitFor(() => expect(downloads).toEqual(['Angles.yaml']));
    expect(await blobs[0].text()).toBe('name: Angles\n');
    fireEvent.click(button('Export JSON'));
    await waitFor(() => expect(downloads).toEqual(['Angles.yaml', 'Angles.json']));
    expect(JSON.parse(await blobs[1].text())).toEqual({ name: 'Angles' });
    expect(
      server
        .callsTo('GET')
        .filter((call) => call.path.includes('export'))
        .map((call) => call.path),
    ).toEqual(['workflow/wf1/export/?format=yaml', 'workflow/wf1/export/?format=json']);
  });

  it("shows an opened run's tokens and cost, as GET runs/{id}/ sums them", async () => {
    const summary = {
      task_id: 'r9',
      status: 'SUCCESS',
      trigger: 'manual',
      created_at: '2026-12-06T10:00:00Z',
      duration_ms: 900,
      parent_run_id: null,
    };
    await open({
      'GET runs/?workflow_id=wf1&limit=50': () => json({ runs: [summary] }),
      'GET runs/r9/': () => json({ ...summary, tokens: 300, cost_usd: 0.01, node_executions: [] }),
    });
    fireEvent.click(await screen.findByRole('button', { name: /SUCCESS/ }));
    await waitFor(() =>
      expect(screen.getByText(/Viewing run/).textContent).toContain('(SUCCESS) · 300 tokens · $0.01'),
    );
  });
});
