import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from './test/render';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MonitorPage } from './MonitorPage';
import { token, type Workflow } from './api';
import type { MonitorRun, MonitorRunDetail, NodeExecution } from './runList';
import { FakeSocket } from './test/fakeSocket';
import { apiError, json, mockFetch, type Route } from './test/fetchMock';
import { tableRows } from './test/tableRows';

const workflows: Workflow[] = [
  { id: 'wf1', name: 'Reports', active: true, version: 2, updated_at: '2026-12-01T10:00:00Z' },
  { id: 'wf2', name: 'Invoices', active: false, version: 1, updated_at: '2026-12-01T10:00:00Z' },
];
const run = (id: string, workflowId: string, status: string, more: Partial<MonitorRun> = {}): MonitorRun => ({
  task_id: id,
  workflow_id: workflowId,
  status,
  trigger: 'manual',
  created_at: '2026-12-06T10:00:00.000Z',
  started_at: '2026-12-06T10:00:00.000Z',
  finished_at: null,
  duration_ms: null,
  parent_run_id: null,
  error: null,
  ...more,
});
const done = run('r1', 'wf1', 'SUCCESS', { duration_ms: 3400, trigger: 'webhook' });
const failed = run('r2', 'wf2', 'FAILURE', { duration_ms: 20 });
const page = (runs: MonitorRun[], cursor: string | null = null) =>
  json({ runs, total_count: runs.length + (cursor ? 1 : 0), has_more: cursor !== null, next_cursor: cursor });

const FIRST = 'GET runs/?limit=50';
const WORKFLOWS = 'GET workflow/?limit=500';
const ARTIFACTS = (id: string) => `GET artifacts/?run_id=${id}&limit=100`;

const step = (index: number, name: string, status: string, duration: number | null) => ({
  index,
  name,
  status,
  started_at: '2026-12-06T10:00:00.000Z',
  ended_at: duration === null ? null : '2026-12-06T10:00:01.000Z',
  duration_ms: duration,
});
const execution = (more: Partial<NodeExecution>): NodeExecution => ({
  node_id: 'cmd',
  node_name: 'Build report',
  node_type: 'command',
  attempt: 1,
  status: 'SUCCESS',
  route: 'default',
  output: null,
  error: null,
  error_type: null,
  started_at: '2026-12-06T10:00:00.000Z',
  finished_at: null,
  duration_ms: 1200,
  ...more,
});
const trigger = execution({ node_id: 'start', node_name: 'Start', node_type: 'manual-trigger', output: { a: 1 } });
const commandOutput = (lines: number) => ({
  exit_code: 0,
  steps: [step(0, 'One', 'completed', 1000), step(1, 'Two', 'completed', 2000)],
  log: { lines, complete: true },
  log_artifact: { id: 'log1' },
});
const detail = (summary: MonitorRun, executions: NodeExecution[]): MonitorRunDetail => ({
  ...summary,
  node_executions: executions,
});
const report = {
  id: 'art1',
  run_id: 'r1',
  node_id: 'cmd',
  name: 'report.txt',
  file_name: 'report.txt',
  mime_type: 'text/plain',
  size: 1536,
  artifact_type: 'document',
  created_at: '2026-12-06T10:00:03.000Z',
};

const about = { task_id: 'r4', node_id: 'cmd', workflow_id: 'wf1' };
const logEntry = (first: number, texts: string[]) => ({
  type: 'log_entry',
  ...about,
  stream: 'stdout',
  line: texts.join('\n'),
  lines: texts.length,
  first_line: first,
  step: 0,
  dropped: 0,
});
const underWay = run('r4', 'wf1', 'STARTED');

const show = (routes: Record<string, Route>) => {
  token.set('wfo_t');
  const server = mockFetch({ [WORKFLOWS]: () => json(workflows), [FIRST]: () => page([failed, done]), ...routes });
  const props = { onOpenWorkflow: vi.fn(), onUnauthorized: vi.fn() };
  render(<MonitorPage {...props} />);
  return { server, props };
};
const rowOf = (taskId: string) => document.querySelector(`tr[data-run-id="${taskId}"]`) as HTMLElement;
const cellsOf = (row: HTMLElement) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent);
const paths = (server: ReturnType<typeof mockFetch>, prefix: string) =>
  server.calls.map((call) => call.path).filter((path) => path.startsWith(prefix));

describe('MonitorPage', () => {
  beforeEach(() => {
    FakeSocket.opened = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists the runs of every workflow with its name, status, start, duration and trigger', async () => {
    show({});
    await waitFor(() => expect(rowOf('r1').textContent).toContain('Reports'));
    expect(tableRows().map((row) => row.dataset.runId)).toEqual(['r2', 'r1']);
    expect(cellsOf(rowOf('r1'))).toEqual([
      'Reports',
      'SUCCESS',
      new Date(done.created_at).toLocaleString(),
      '3.4 s',
      'webhook',
    ]);
    expect(rowOf('r2').querySelector('.run-status')!.className).toBe('run-status status-failure');
    expect(screen.getByText('2 of 2 runs')).toBeTruthy();
    expect(screen.getAllByRole('option', { name: 'Invoices' })).toHaveLength(1);
  });

  it('says a total the server stopped counting at with a plus', async () => {
    show({
      [FIRST]: () =>
        json({ runs: [done], total_count: 10_000, total_count_exact: false, has_more: true, next_cursor: 'c' }),
    });
    expect(await screen.findByText(`1 of ${(10_000).toLocaleString()}+ runs`)).toBeTruthy();
  });

  it('asks again with the filters as query parameters, the time window as since', async () => {
    const { server } = show({
      'GET runs/?workflow_id=wf2&limit=50': () => page([failed]),
      'GET runs/?workflow_id=wf2&status=FAILURE&limit=50': () => page([failed]),
    });
    await screen.findByText('2 of 2 runs');

    fireEvent.change(screen.getByLabelText('Workflow'), { target: { value: 'wf2' } });
    await waitFor(() => expect(tableRows()).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'FAILURE' } });
    await waitFor(() => expect(paths(server, 'runs/').at(-1)).toBe('runs/?workflow_id=wf2&status=FAILURE&limit=50'));

    const before = Date.now();
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: 'hour' } });
    await waitFor(() => expect(paths(server, 'runs/').at(-1)).toContain('since='));
    const since = new URLSearchParams(paths(server, 'runs/').at(-1)!.split('?')[1]).get('since')!;
    expect(Date.parse(since)).toBeGreaterThanOrEqual(before - 3_600_000);
    expect(Date.parse(since)).toBeLessThanOrEqual(Date.now() - 3_600_000);
  });

  it('loads the next page with the cursor, below the first', async () => {
    const older = run('r0', 'wf1', 'REVOKED');
    show({
      [FIRST]: () => page([failed, done], 'c2'),
      'GET runs/?limit=50&cursor=c2': () => page([older]),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(tableRows().map((row) => row.dataset.runId)).toEqual(['r2', 'r1', 'r0']));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('reads the first page again every 2.5 s while the page is visible, and at once when it is shown again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let runs = [done];
    const { server } = show({ [FIRST]: () => page(runs) });
    await waitFor(() => expect(tableRows()).toHaveLength(1));

    runs = [run('r3', 'wf2', 'STARTED'), done];
    act(() => vi.advanceTimersByTime(2_500));
    await waitFor(() => expect(tableRows()).toHaveLength(2));
    expect(rowOf('r3').dataset.status).toBe('STARTED');

    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const asked = paths(server, 'runs/').length;
    act(() => vi.advanceTimersByTime(10_000));
    expect(paths(server, 'runs/')).toHaveLength(asked);

    visibility.mockReturnValue('visible');
    act(() => {
      // As a browser sends it: at the document, bubbling up to the window.
      // As a browser sends it: at the document, bubbling up to the window.
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    // The query client asks on its next tick (a real timeout): only intervals are fake here.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(paths(server, 'runs/')).toHaveLength(asked + 1);
  });

  it('says why the list could not be read, until a later poll reads it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let answer = () => apiError(503, 'UNAVAILABLE', 'The database is down');
    show({ [FIRST]: () => answer() });
    expect((await screen.findByRole('alert')).textContent).toBe('The database is down');

    answer = () => page([done]);
    act(() => vi.advanceTimersByTime(2_500));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(tableRows()).toHaveLength(1);
  });

  it("shows a finished run's attempts and its command's console from the stored log, with its steps", async () => {
    show({
      'GET runs/r1/': () => json(detail(done, [trigger, execution({ output: commandOutput(3), error: null })])),
      [ARTIFACTS('r1')]: () => json({ artifacts: [report], total_count: 1, has_more: false }),
      'GET artifacts/log1/download/': () =>
        new Response('::step::One\nfirst\n::step::Two\n', {
          status: 206,
          headers: { 'Content-Range': 'bytes 0-28/29' },
        }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reports' }));

    const console = await screen.findByRole('log');
    await waitFor(() => expect(console.textContent).toBe('::step::Onefirst::step::Two'));
    expect(screen.getByText('Stored log')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Onecompleted1.0 s',
      'Twocompleted2.0 s',
    ]);
    const attempts = within(screen.getByRole('region', { name: 'Run' }))
      .getAllByRole('row')
      .slice(1, 3);
    expect(attempts.map((row) => row.dataset.nodeId)).toEqual(['start', 'cmd']);
    expect(attempts[1].className).toBe('open');

    // Another node shows its output.
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(screen.getByRole('region', { name: 'Node execution' }).querySelector('pre')!.textContent).toBe(
      '{\n  "a": 1\n}',
    );
  });

  it("follows a run under way on its workflow's socket: lines in batches, steps, then the detail again", async () => {
    let current = detail(underWay, [trigger, execution({ status: 'RUNNING', duration_ms: null, output: null })]);
    const { server } = show({
      [FIRST]: () => page([underWay]),
      'GET runs/r4/': () => json(current),
      [ARTIFACTS('r4')]: () => json({ artifacts: [], total_count: 0, has_more: false }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reports' }));
    await waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    const socket = FakeSocket.opened[0];
    expect(socket.url).toMatch(/\/ws\/workflow\/wf1\/$/);
    expect(socket.protocols).toEqual(['bearer', 'bearer.wfo_t']);
    socket.open();
    expect(document.querySelector('.live')!.textContent).toBe('Live');

    socket.receive({ type: 'step_update', ...about, step: step(0, 'One', 'running', null) });
    socket.receive(logEntry(1, ['::step::One', 'one 1']));
    socket.receive(logEntry(3, ['one 2']));
    socket.receive({ ...logEntry(1, ['elsewhere']), task_id: 'another run' });
    await waitFor(() => expect(screen.getByRole('log').textContent).toBe('::step::Oneone 1one 2'));
    expect(screen.getByRole('listitem').dataset.status).toBe('running');

    socket.receive({ type: 'step_update', ...about, step: step(0, 'One', 'completed', 1000) });
    current = detail({ ...underWay, status: 'SUCCESS', duration_ms: 1500 }, [
      trigger,
      execution({ output: { ...commandOutput(3), steps: [step(0, 'One', 'completed', 1000)] } }),
    ]);
    socket.receive({ type: 'node_completed', ...about, route: 'default' });
    await waitFor(() => expect(screen.getByTestId('monitor-run-status').textContent).toBe('SUCCESS'));
    // Every line came live: the stored log is not read again.
    expect(screen.getByText('Output (every line came live)')).toBeTruthy();
    expect(screen.getByRole('log').textContent).toBe('::step::Oneone 1one 2');
    expect(server.callsTo('GET', 'artifacts/log1/download/')).toHaveLength(0);
  });

  it('reads the stored log once the command ended when the console missed lines', async () => {
    let current = detail(underWay, [trigger, execution({ status: 'RUNNING', duration_ms: null, output: null })]);
    const { server } = show({
      [FIRST]: () => page([underWay]),
      'GET runs/r4/': () => json(current),
      [ARTIFACTS('r4')]: () => json({ artifacts: [], total_count: 0, has_more: false }),
      'GET artifacts/log1/download/': () => new Response('one 1\none 2\none 3\n'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reports' }));
    await waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    const socket = FakeSocket.opened[0];
    socket.open();

    socket.receive(logEntry(3, ['one 3']));
    await waitFor(() =>
      expect(screen.getByRole('log').textContent).toBe(
        '… 2 earlier lines were printed before this console connected' + 'one 3',
      ),
    );
    current = detail({ ...underWay, status: 'SUCCESS' }, [trigger, execution({ output: commandOutput(3) })]);
    socket.receive({ type: 'node_completed', ...about });
    await waitFor(() => expect(screen.getByRole('log').textContent).toBe('one 1one 2one 3'));
    expect(screen.getByText('Stored log')).toBeTruthy();
    expect(server.callsTo('GET', 'artifacts/log1/download/')).toHaveLength(1);
  });

  it("finds the log of a command that failed without an error route among the run's artifacts", async () => {
    const failedRun = run('r5', 'wf1', 'FAILURE');
    const crashed = execution({ status: 'FAILURE', output: null, error: 'The command exited with code 2: boom' });
    const log = { ...report, id: 'log9', name: 'Log', artifact_type: 'log', created_at: '2026-12-06T10:00:02.000Z' };
    const earlier = { ...log, id: 'log8', created_at: '2026-12-06T09:00:00.000Z' };
    show({
      [FIRST]: () => page([failedRun]),
      'GET runs/r5/': () => json(detail(failedRun, [trigger, crashed])),
      [ARTIFACTS('r5')]: () => json({ artifacts: [log, earlier], total_count: 2, has_more: false }),
      'GET artifacts/log9/download/': () => new Response('working\nboom\n'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reports' }));
    await waitFor(() => expect(screen.getByRole('log').textContent).toBe('workingboom'));
    expect(screen.getAllByText('The command exited with code 2: boom')).toHaveLength(1);
  });

  it("lists the run's files with their size, downloads one with the token, and shows why an upload was refused", async () => {
    const { server } = show({
      'GET runs/r1/': () => json(detail(done, [trigger])),
      [ARTIFACTS('r1')]: () => json({ artifacts: [report], total_count: 1, has_more: false }),
      'GET artifacts/art1/download/': () => new Response('report'),
      'POST artifacts/': () =>
        apiError(
          413,
          'PAYLOAD_TOO_LARGE',
          'The file is larger than 5 MB (ORCHESTRATOR_ARTIFACT_MAX_MB); nothing was kept.',
        ),
    });
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(await screen.findByRole('button', { name: 'Reports' }));

    const files = await screen.findByRole('region', { name: 'Artifacts' });
    const row = await within(files).findByText('report.txt');
    expect(cellsOf(row.closest('tr')!)).toEqual(['report.txt', 'document', '1.5 KB', 'Download']);
    fireEvent.click(within(files).getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(server.callsTo('GET', 'artifacts/art1/download/')[0].authorization).toBe('Bearer wfo_t');

    const upload = within(files).getByRole('button', { name: 'Upload' }) as HTMLButtonElement;
    expect(upload.disabled).toBe(true);
    fireEvent.change(within(files).getByLabelText('File to upload'), {
      target: { files: [new File(['x'.repeat(10)], 'big.bin')] },
    });
    fireEvent.click(upload);
    expect((await within(files).findByRole('alert')).textContent).toBe(
      'The file is larger than 5 MB (ORCHESTRATOR_ARTIFACT_MAX_MB); nothing was kept.',
    );
  });

  it('signs out when the server no longer takes the token', async () => {
    const { props } = show({ [FIRST]: () => apiError(401, 'UNAUTHORIZED', 'Token revoked') });
    await waitFor(() => expect(props.onUnauthorized).toHaveBeenCalled());
  });
});
