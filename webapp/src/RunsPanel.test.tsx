import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { queryKeys } from './query/keys';
import { render } from './test/render';
import { describe, expect, it, vi } from 'vitest';
import { RunsPanel, type RunDetail, type RunSummary } from './RunsPanel';
import { apiError, json, mockFetch } from './test/fetchMock';

const LIST = 'GET runs/?workflow_id=wf1&limit=50';
const done: RunSummary = {
  task_id: 't1',
  status: 'SUCCESS',
  trigger: 'manual',
  created_at: '2025-03-04T10:11:12Z',
  duration_ms: 1234,
  parent_run_id: null,
};
const running: RunSummary = {
  task_id: 't2',
  status: 'STARTED',
  trigger: 'webhook',
  created_at: '2025-03-04T10:20:00Z',
  duration_ms: null,
  parent_run_id: null,
};
const fork: RunSummary = {
  task_id: 't3',
  status: 'FAILURE',
  trigger: 'manual',
  created_at: '2025-03-04T10:30:00Z',
  duration_ms: 5,
  parent_run_id: 't1',
};
const detail: RunDetail = {
  ...done,
  node_executions: [{ node_id: 'n1', status: 'SUCCESS', route: 'default', attempt: 1 }],
};

const runButtons = () => screen.getAllByRole('button') as HTMLButtonElement[];
const cells = (button: HTMLElement) => Array.from(button.children, (span) => span.textContent);

describe('RunsPanel', () => {
  it("lists the workflow's runs with status, start time, duration and trigger", async () => {
    const server = mockFetch({ [LIST]: () => json({ runs: [fork, running, done] }) });
    render(<RunsPanel workflowId="wf1" openRunId={null} onOpen={vi.fn()} />);

    await waitFor(() => expect(runButtons()).toHaveLength(3));
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual([LIST]);
    expect(runButtons().map(cells)).toEqual([
      ['FAILURE', new Date(fork.created_at).toLocaleTimeString(), '5 ms', 'fork'],
      ['STARTED', new Date(running.created_at).toLocaleTimeString(), '', 'webhook'],
      ['SUCCESS', new Date(done.created_at).toLocaleTimeString(), '1.2 s', 'manual'],
    ]);
    expect(runButtons()[0].dataset.status).toBe('FAILURE');
    expect(runButtons()[0].querySelector('.run-status')!.className).toBe('run-status status-failure');
    expect(screen.queryByText('No runs yet')).toBeNull();
  });

  it('says when there is no run', async () => {
    const server = mockFetch({ [LIST]: () => json({ runs: [] }) });
    render(<RunsPanel workflowId="wf1" openRunId={null} onOpen={vi.fn()} />);
    await waitFor(() => expect(server.calls).toHaveLength(1));
    expect(screen.getByText('No runs yet')).toBeTruthy();
  });

  it('opens a run with its details', async () => {
    const server = mockFetch({ [LIST]: () => json({ runs: [done] }), 'GET runs/t1/': () => json(detail) });
    const onOpen = vi.fn();
    render(<RunsPanel workflowId="wf1" openRunId={null} onOpen={onOpen} />);

    fireEvent.click(await screen.findByRole('button', { name: /SUCCESS/ }));

    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(detail));
    expect(server.calls.at(-1)).toMatchObject({ method: 'GET', path: 'runs/t1/' });
  });

  it('marks the open run, and closes it when clicked again without asking the server', async () => {
    const server = mockFetch({ [LIST]: () => json({ runs: [done, running] }) });
    const onOpen = vi.fn();
    render(<RunsPanel workflowId="wf1" openRunId="t1" onOpen={onOpen} />);
    await waitFor(() => expect(runButtons()).toHaveLength(2));

    expect(runButtons().map((button) => button.className)).toEqual(['run-item open', 'run-item']);
    fireEvent.click(runButtons()[0]);

    expect(onOpen).toHaveBeenCalledWith(null);
    expect(server.calls).toHaveLength(1);
  });

  it('loads again when the runs are marked stale (the socket saw a run start or end)', async () => {
    let runs = [done];
    const server = mockFetch({ [LIST]: () => json({ runs }) });
    const { client } = render(<RunsPanel workflowId="wf1" openRunId={null} onOpen={vi.fn()} />);
    await waitFor(() => expect(runButtons()).toHaveLength(1));

    runs = [running, done];
    act(() => void client.invalidateQueries({ queryKey: queryKeys.runs() }));

    await waitFor(() => expect(runButtons()).toHaveLength(2));
    expect(server.calls).toHaveLength(2);
  });

  it('shows why the runs or a run could not be loaded', async () => {
    mockFetch({ [LIST]: () => json({ runs: [done] }), 'GET runs/t1/': () => apiError(404, 'NOT_FOUND', 'No run t1') });
    const onOpen = vi.fn();
    render(<RunsPanel workflowId="wf1" openRunId={null} onOpen={onOpen} />);

    fireEvent.click(await screen.findByRole('button', { name: /SUCCESS/ }));

    expect((await screen.findByText('No run t1')).className).toBe('error');
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('shows the tokens and cost of a run whose llm nodes used some, and nothing for the others', async () => {
    const llmRun: RunSummary = { ...done, task_id: 't4', tokens: 1234, cost_usd: 0.0042 };
    const counted: RunSummary = {
      ...done,
      task_id: 't5',
      tokens: { prompt: 20, completion: 30, total: 50 },
      cost_usd: 0,
    };
    mockFetch({ [LIST]: () => json({ runs: [llmRun, counted, { ...done, tokens: 0, cost_usd: 0 }] }) });
    render(<RunsPanel workflowId="wf1" openRunId={null} onOpen={vi.fn()} />);

    await waitFor(() => expect(runButtons()).toHaveLength(3));
    expect(runButtons().map((button) => button.querySelector('.usage')?.textContent ?? null)).toEqual([
      `${(1234).toLocaleString()} tokens · $0.0042`,
      '50 tokens · $0',
      null,
    ]);
  });
});
