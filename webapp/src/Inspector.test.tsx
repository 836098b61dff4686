import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inspector } from './Inspector';
import { JsonView } from './JsonView';
import { apiError, json, mockFetch } from './test/fetchMock';
import { paintedFrames } from './test/paintedFrames';

const EXECUTE = 'POST workflow/wf1/execute_and_save_node/';

/** The JSON shown under the Input and Output headings (null when the panel says "Nothing yet"). */
const shown = () =>
  Array.from(document.querySelectorAll('.inspector .data-view [role=tabpanel]'), (panel) => {
    const view = panel.firstElementChild!;
    return view.tagName === 'PRE'
      ? JSON.parse(view.textContent!)
      : (expect(view.textContent).toBe('Nothing yet'), null);
  });

const developmentMode = (nodeId: string, input: unknown, output: unknown) => ({
  [`GET workflow/wf1/nodes/${nodeId}/input/`]: () => json({ input_data: input }),
  [`GET workflow/wf1/nodes/${nodeId}/output/`]: () => json({ output_data: output }),
});

describe('Inspector', () => {
  it("shows the input and output of the node's latest attempt in the run", async () => {
    const server = mockFetch({
      'GET runs/t1/': () =>
        json({
          node_executions: [
            { node_id: 'n1', attempt: 1, input: { try: 1 }, output: { failed: true } },
            { node_id: 'n1', attempt: 3, input: { try: 3 }, output: { ok: 3 } },
            { node_id: 'n2', attempt: 5, input: { other: true }, output: { other: true } },
            { node_id: 'n1', attempt: 2, input: { try: 2 }, output: { failed: true } },
          ],
        }),
    });
    render(<Inspector workflowId="wf1" nodeId="n1" taskId="t1" refresh={0} />);

    await waitFor(() => expect(shown()).toEqual([{ try: 3 }, { ok: 3 }]));
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET runs/t1/']);
  });

  it("falls back to development mode's data when the run did not reach the node", async () => {
    const server = mockFetch({
      'GET runs/t1/': () => json({ node_executions: [{ node_id: 'n2', attempt: 1, input: 1, output: 2 }] }),
      ...developmentMode('n1', { from: 'dev' }, ['dev out']),
    });
    render(<Inspector workflowId="wf1" nodeId="n1" taskId="t1" refresh={0} />);

    await waitFor(() => expect(shown()).toEqual([{ from: 'dev' }, ['dev out']]));
    expect(server.calls.map((c) => c.path).sort()).toEqual([
      'runs/t1/',
      'workflow/wf1/nodes/n1/input/',
      'workflow/wf1/nodes/n1/output/',
    ]);
  });

  it('shows development mode\'s data without a run, and "Nothing yet" for what is missing', async () => {
    mockFetch(developmentMode('n1', { a: 1 }, null));
    render(<Inspector workflowId="wf1" nodeId="n1" refresh={0} />);

    await waitFor(() => expect(shown()).toEqual([{ a: 1 }, null]));
  });

  it('loads again when refresh is bumped', async () => {
    let output = 1;
    mockFetch(
      Object.fromEntries(
        Object.entries(developmentMode('n1', {}, null)).map(([key, route]) => [
          key,
          key.endsWith('output/') ? () => json({ output_data: { output } }) : route,
        ]),
      ),
    );
    const { rerender } = render(<Inspector workflowId="wf1" nodeId="n1" refresh={0} />);
    await waitFor(() => expect(shown()[1]).toEqual({ output: 1 }));

    output = 2;
    rerender(<Inspector workflowId="wf1" nodeId="n1" refresh={1} />);
    await waitFor(() => expect(shown()[1]).toEqual({ output: 2 }));
  });

  it('executes the node with its input and one session id per tab, kept across executions', async () => {
    let count = 0;
    const server = mockFetch({
      ...developmentMode('n1', { order: 7 }, null),
      [EXECUTE]: () => json({ success: true, route: 'default', output: { count: ++count } }),
    });
    const { unmount } = render(<Inspector workflowId="wf1" nodeId="n1" refresh={0} />);
    await waitFor(() => expect(shown()[0]).toEqual({ order: 7 }));

    fireEvent.click(screen.getByRole('button', { name: 'Execute this node' }));
    expect((await screen.findByText('Executed: route default')).className).toBe('ok');
    await waitFor(() => expect(shown()[1]).toEqual({ count: 1 }));

    fireEvent.click(screen.getByRole('button', { name: 'Execute this node' }));
    await waitFor(() => expect(shown()[1]).toEqual({ count: 2 }));

    // Another panel in the same tab (the editor reopened) keeps the session too.
    unmount();
    render(<Inspector workflowId="wf1" nodeId="n1" refresh={0} />);
    await waitFor(() => expect(shown()[0]).toEqual({ order: 7 }));
    fireEvent.click(screen.getByRole('button', { name: 'Execute this node' }));
    await waitFor(() => expect(server.callsTo('POST')).toHaveLength(3));

    const bodies = server
      .callsTo('POST')
      .map((c) => c.body as { node_id: string; input_data: unknown; session_id: string });
    expect(bodies[0].node_id).toBe('n1');
    expect(bodies[0].input_data).toEqual({ order: 7 });
    expect(bodies[0].session_id).toMatch(/^editor-[0-9a-f-]{36}$/);
    expect(bodies.map((body) => body.session_id)).toEqual(Array(3).fill(bodies[0].session_id));
    expect(sessionStorage.getItem('orchestrator.session')).toBe(bodies[0].session_id);
  });

  it('starts a new session in a new tab (sessionStorage emptied)', async () => {
    const server = mockFetch({
      ...developmentMode('n1', null, null),
      [EXECUTE]: () => json({ success: true, route: 'default' }),
    });
    render(<Inspector workflowId="wf1" nodeId="n1" refresh={0} />);
    const execute = screen.getByRole('button', { name: 'Execute this node' });

    fireEvent.click(execute);
    await waitFor(() => expect(server.callsTo('POST')).toHaveLength(1));
    sessionStorage.clear();
    fireEvent.click(execute);
    await waitFor(() => expect(server.callsTo('POST')).toHaveLength(2));

    const [first, second] = server.callsTo('POST').map((c) => c.body as { session_id: string; input_data: unknown });
    expect(first.input_data).toEqual({}); // no input yet: an empty object
    expect(second.session_id).not.toBe(first.session_id);
  });

  it('says why an execution failed, and keeps the output shown', async () => {
    mockFetch({
      ...developmentMode('n1', { a: 1 }, { before: true }),
      [EXECUTE]: () => json({ success: false, error_type: 'TIMEOUT', error: 'No answer in 30 s' }),
    });
    render(<Inspector workflowId="wf1" nodeId="n1" refresh={0} />);
    await waitFor(() => expect(shown()[1]).toEqual({ before: true }));

    fireEvent.click(screen.getByRole('button', { name: 'Execute this node' }));

    expect((await screen.findByText('Failed (TIMEOUT): No answer in 30 s')).className).toBe('error');
    expect(shown()[1]).toEqual({ before: true });
  });

  it('shows an API error of the execution', async () => {
    mockFetch({
      ...developmentMode('n1', null, null),
      [EXECUTE]: () => apiError(409, 'CONFLICT', 'The workflow is running'),
    });
    render(<Inspector workflowId="wf1" nodeId="n1" refresh={0} />);
    fireEvent.click(screen.getByRole('button', { name: 'Execute this node' }));
    expect((await screen.findByText('The workflow is running')).className).toBe('error');
  });

  it("never paints the last node's execution message under the next node", async () => {
    mockFetch({
      ...developmentMode('a', null, null),
      ...developmentMode('b', null, null),
      [EXECUTE]: () => json({ success: true, route: 'default', output: {} }),
    });
    const { frames, Painted } = paintedFrames(() => screen.queryByText(/^Executed/) !== null);
    const inspector = (nodeId: string) => (
      <>
        <Inspector workflowId="wf1" nodeId={nodeId} refresh={0} />
        <Painted />
      </>
    );
    const { rerender } = render(inspector('a'));
    fireEvent.click(screen.getByRole('button', { name: 'Execute this node' }));
    await screen.findByText('Executed: route default');

    rerender(inspector('b'));

    expect(frames).toEqual([false, false]);
  });

  // The editor reuses one Inspector for every selected node (no key): an execution of A that answers after B was
  // selected must not show A's output (nor "Executed: route …") as B's.
  it("does not show an execution's output under another node selected meanwhile", async () => {
    let answer!: (response: Response) => void;
    mockFetch({
      ...developmentMode('a', null, { node: 'a' }),
      ...developmentMode('b', null, { node: 'b' }),
      [EXECUTE]: () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    });
    const { rerender } = render(<Inspector workflowId="wf1" nodeId="a" refresh={0} />);
    await waitFor(() => expect(shown()[1]).toEqual({ node: 'a' }));
    fireEvent.click(screen.getByRole('button', { name: 'Execute this node' }));

    rerender(<Inspector workflowId="wf1" nodeId="b" refresh={0} />);
    await waitFor(() => expect(shown()[1]).toEqual({ node: 'b' }));
    await act(async () => answer(json({ success: true, route: 'default', output: { executed: 'a' } })));

    expect(shown()[1]).toEqual({ node: 'b' });
    expect(screen.queryByText(/^Executed/)).toBeNull();
  });
});

describe('JsonView', () => {
  const longValue = { items: Array.from({ length: 200 }, (_, i) => `item number ${i}`) };
  const longText = JSON.stringify(longValue, null, 2);

  it('cuts JSON longer than 2,000 characters until "Show all" is clicked', () => {
    expect(longText.length).toBeGreaterThan(2_000);
    render(<JsonView value={longValue} />);

    const pre = document.querySelector('pre')!;
    expect(pre.textContent).toBe(`${longText.slice(0, 2_000)}…`);
    const showAll = screen.getByRole('button', { name: /^Show all/ });
    expect(showAll.textContent).toBe(`Show all ${longText.length.toLocaleString()} characters`);

    fireEvent.click(showAll);

    expect(pre.textContent).toBe(longText);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows 2,000 characters whole, without a button', () => {
    const value = 'x'.repeat(1_998); // with its quotes, exactly 2,000 characters
    render(<JsonView value={value} />);
    expect(document.querySelector('pre')!.textContent).toBe(JSON.stringify(value));
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says "Nothing yet" for null and undefined, but shows falsy values', () => {
    const { rerender } = render(<JsonView value={null} />);
    expect(screen.getByText('Nothing yet')).toBeTruthy();
    rerender(<JsonView value={undefined} />);
    expect(screen.getByText('Nothing yet')).toBeTruthy();
    rerender(<JsonView value={0} />);
    expect(document.querySelector('pre')!.textContent).toBe('0');
    rerender(<JsonView value={false} />);
    expect(document.querySelector('pre')!.textContent).toBe('false');
  });
});

describe('the Inspector of an llm node', () => {
  const llmOutput = {
    text: 'The history angle',
    candidates: [
      {
        index: 0,
        id: 'k0',
        connection: 'c1',
        model: 'llama-3-8b',
        text: 'The history angle',
        finish_reason: 'stop',
        tokens: { prompt: 40, completion: 80, total: 120 },
        duration_ms: 1400,
        tokens_per_second: 57.1,
        cost_usd: 0.00042,
        cached: false,
      },
      {
        index: 1,
        id: 'k1',
        connection: 'c2',
        model: 'qwen-7b',
        text: 'The economics angle',
        finish_reason: 'stop',
        tokens: { prompt: 40, completion: 60, total: 100 },
        duration_ms: 0,
        tokens_per_second: 0,
        cost_usd: 0,
        cached: true,
      },
    ],
    tokens: 220,
    cost_usd: 0.00042,
  };
  const cards = (label: string) =>
    Array.from(screen.getByRole('region', { name: label }).querySelectorAll('.candidate'), (card) => card.textContent);

  it('shows the candidates streaming in, per candidate and named by model, while the node runs', async () => {
    mockFetch({ 'GET runs/t1/': () => json({ node_executions: [] }), ...developmentMode('n1', null, null) });
    const stream = {
      complete: false,
      candidates: [
        { candidate: 0, model: 'llama-3-8b', content: 'The hist' },
        { candidate: 1, model: 'qwen-7b', content: 'The eco' },
      ],
    };
    const { rerender } = render(<Inspector workflowId="wf1" nodeId="n1" taskId="t1" refresh={0} stream={stream} />);
    expect(cards('Streaming candidates')).toEqual(['#1 · llama-3-8bThe hist', '#2 · qwen-7bThe eco']);

    const more = {
      ...stream,
      candidates: [{ ...stream.candidates[0], content: 'The history angle' }, stream.candidates[1]],
    };
    rerender(<Inspector workflowId="wf1" nodeId="n1" taskId="t1" refresh={0} stream={more} />);
    expect(cards('Streaming candidates')[0]).toBe('#1 · llama-3-8bThe history angle');
  });

  it('then shows the final candidates with tokens, time, speed, cost and whether the cache answered', async () => {
    let steps: unknown[] = [];
    mockFetch({ 'GET runs/t1/': () => json({ node_executions: steps }), ...developmentMode('n1', null, null) });
    const stream = {
      complete: true,
      candidates: [{ candidate: 0, model: 'llama-3-8b', content: 'The history angle' }],
    };
    const { rerender } = render(
      <Inspector workflowId="wf1" nodeId="n1" taskId="t1" refresh={0} stream={stream} liveState="running" />,
    );
    await waitFor(() => expect(cards('Streaming candidates')).toHaveLength(1));

    // The node completed: its state changes, and its stored output is read again.
    steps = [{ node_id: 'n1', attempt: 1, input: {}, output: llmOutput }];
    rerender(<Inspector workflowId="wf1" nodeId="n1" taskId="t1" refresh={0} stream={stream} liveState="completed" />);
    await waitFor(() =>
      expect(cards('Candidates')).toEqual([
        '#1 · llama-3-8bThe history angle120 tokens · 1.4 s · 57 tok/s · $0.00042',
        '#2 · qwen-7bcachedThe economics angle100 tokens · 0 ms · 0 tok/s · $0',
      ]),
    );
    expect(screen.queryByRole('region', { name: 'Streaming candidates' })).toBeNull();
  });
});
