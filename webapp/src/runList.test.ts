import { describe, expect, it } from 'vitest';
import {
  emptyList,
  runDuration,
  runsPath,
  withFirstPage,
  withNextPage,
  type MonitorRun,
  type RunList,
  type RunsPage,
} from './runList';

const NOW = Date.parse('2026-12-06T12:00:00.000Z');

const run = (id: string, status = 'SUCCESS'): MonitorRun => ({
  task_id: id,
  workflow_id: 'wf1',
  status,
  trigger: 'manual',
  created_at: '2026-12-06T11:00:00.000Z',
  started_at: '2026-12-06T11:00:00.000Z',
  finished_at: null,
  duration_ms: null,
  parent_run_id: null,
  error: null,
});
const runs = (...ids: string[]) => ids.map((id) => run(id));
const page = (ids: string[], more: boolean, cursor: string | null = more ? `after-${ids.at(-1)}` : null): RunsPage => ({
  runs: runs(...ids),
  total_count: 99,
  has_more: more,
  next_cursor: cursor,
});
const shown = (ids: string[], cursor: string | null): RunList => ({
  ...emptyList('k'),
  runs: runs(...ids),
  hasMore: cursor !== null,
  cursor,
  loaded: true,
});
const ids = (list: RunList) => list.runs.map((each) => each.task_id);

describe('runsPath', () => {
  it('asks for the first page of every run without filters', () => {
    expect(runsPath({ status: '', workflowId: '', window: 'all' }, NOW)).toBe('runs/?limit=50');
  });

  it('turns each filter into its query parameter, the time window into since counted back from now', () => {
    const path = runsPath({ status: 'PENDING,STARTED,WAITING,PAUSED', workflowId: 'wf 1', window: 'hour' }, NOW);
    const params = new URLSearchParams(path.slice('runs/?'.length));
    expect(Object.fromEntries(params)).toEqual({
      workflow_id: 'wf 1',
      status: 'PENDING,STARTED,WAITING,PAUSED',
      since: '2026-12-06T11:00:00.000Z',
      limit: '50',
    });
    expect(path).toContain('workflow_id=wf+1');
    expect(new URLSearchParams(runsPath({ status: '', workflowId: '', window: 'day' }, NOW)).toString()).toContain(
      'since=2026-12-05T12%3A00%3A00.000Z',
    );
    expect(runsPath({ status: '', workflowId: '', window: 'week' }, NOW)).toContain('since=2026-11-29T12');
  });

  it('goes on after the page before with its cursor, the filters kept', () => {
    expect(runsPath({ status: 'FAILURE', workflowId: '', window: 'all' }, NOW, 'abc_-1')).toBe(
      'runs/?status=FAILURE&limit=50&cursor=abc_-1',
    );
  });
});

describe('withFirstPage', () => {
  it('shows the first page as it is the first time', () => {
    const list = withFirstPage(emptyList('k'), page(['r3', 'r2'], true));
    expect(ids(list)).toEqual(['r3', 'r2']);
    expect([list.cursor, list.hasMore, list.total, list.totalExact, list.loaded]).toEqual([
      'after-r2',
      true,
      99,
      true,
      true,
    ]);
  });

  it('tells a total the server stopped counting at', () => {
    const list = withFirstPage(emptyList('k'), {
      ...page(['r1'], true),
      total_count: 10_000,
      total_count_exact: false,
    });
    expect([list.total, list.totalExact]).toEqual([10_000, false]);
  });

  it('keeps the older pages below a polled first page when they join on to it, with their cursor', () => {
    // Two new runs came: r4 and r3 left the first page but stay shown, and the next page still starts after r1.
    const before = shown(['r4', 'r3', 'r2', 'r1'], 'after-r1');
    const list = withFirstPage(before, page(['r6', 'r5', 'r4'], true));
    expect(ids(list)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
    expect([list.cursor, list.hasMore]).toEqual(['after-r1', true]);
  });

  it('drops the runs of the first page that are gone (deleted, or no longer matching the filters)', () => {
    const list = withFirstPage(shown(['r4', 'r3', 'r2', 'r1'], 'after-r1'), page(['r4', 'r2'], true));
    expect(ids(list)).toEqual(['r4', 'r2', 'r1']);
  });

  it('starts over from the page when it holds none of the runs shown, rather than hide the runs between', () => {
    const list = withFirstPage(shown(['r2', 'r1'], 'after-r1'), page(['r9', 'r8'], true));
    expect(ids(list)).toEqual(['r9', 'r8']);
    expect(list.cursor).toBe('after-r8');
  });

  it('takes a last page as the whole list', () => {
    const list = withFirstPage(shown(['r2', 'r1', 'r0'], 'after-r0'), page(['r3', 'r2'], false));
    expect(ids(list)).toEqual(['r3', 'r2']);
    expect([list.cursor, list.hasMore]).toEqual([null, false]);
  });
});

describe('withNextPage', () => {
  it('adds the next page below, without a run twice, and takes its cursor', () => {
    const list = withNextPage(shown(['r4', 'r3'], 'after-r3'), page(['r3', 'r2', 'r1'], false));
    expect(ids(list)).toEqual(['r4', 'r3', 'r2', 'r1']);
    expect([list.cursor, list.hasMore]).toEqual([null, false]);
  });
});

describe('runDuration', () => {
  it("is the run's duration once known, the time so far while under way, and nothing before its start", () => {
    expect(runDuration({ ...run('r'), duration_ms: 1500 }, NOW)).toBe(1500);
    expect(runDuration(run('r', 'STARTED'), NOW)).toBe(3_600_000);
    expect(runDuration({ ...run('r', 'PENDING'), started_at: null }, NOW)).toBeNull();
    expect(runDuration(run('r', 'REVOKED'), NOW)).toBeNull();
  });
});
