import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { atEnd, CommandConsole } from './CommandConsole';
import { EMPTY_CONSOLE, withEntries, type CommandStep, type ConsoleBuffer, type LogEntry } from './consoleLog';

const entry = (firstLine: number, count: number): LogEntry => ({
  type: 'log_entry',
  task_id: 't1',
  node_id: 'n1',
  stream: 'stdout',
  line: Array.from({ length: count }, (_, i) => `line ${firstLine + i}`).join('\n'),
  lines: count,
  first_line: firstLine,
  step: 0,
  dropped: 0,
});
const NOW = Date.parse('2026-12-06T12:00:03.000Z');
const steps: CommandStep[] = [
  {
    index: 0,
    name: 'One',
    status: 'completed',
    started_at: '2026-12-06T12:00:00.000Z',
    ended_at: '2026-12-06T12:00:01.500Z',
    duration_ms: 1500,
  },
  {
    index: 1,
    name: 'Two',
    status: 'running',
    started_at: '2026-12-06T12:00:01.500Z',
    ended_at: null,
    duration_ms: null,
  },
];

/** The lines box, sized as a browser would lay it out (happy-dom lays nothing out). */
function sized(box: HTMLElement, scrollHeight: number) {
  Object.defineProperty(box, 'clientHeight', { configurable: true, value: 200 });
  Object.defineProperty(box, 'scrollHeight', { configurable: true, value: scrollHeight });
}

describe('CommandConsole', () => {
  it('shows the steps with their state and duration, a running one counted to now', () => {
    render(<CommandConsole buffer={EMPTY_CONSOLE} steps={steps} source="Live" now={NOW} empty="No output yet." />);
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => [item.dataset.status, item.textContent])).toEqual([
      ['completed', 'Onecompleted1.5 s'],
      ['running', 'Tworunning1.5 s'],
    ]);
    expect(items.map((item) => item.className)).toEqual([
      'console-step run-status status-success',
      'console-step run-status status-running',
    ]);
    expect(screen.getByText('No output yet.')).toBeTruthy();
  });

  it('follows the tail as lines come, until the reader scrolls up, and again when asked', () => {
    let buffer: ConsoleBuffer = withEntries(EMPTY_CONSOLE, [entry(1, 20)]);
    const { rerender } = render(
      <CommandConsole buffer={buffer} steps={[]} source="Live" now={NOW} empty="No output yet." />,
    );
    const box = screen.getByRole('log');
    expect(box.textContent).toContain('line 20');

    sized(box, 1000);
    buffer = withEntries(buffer, [entry(21, 10)]);
    rerender(<CommandConsole buffer={buffer} steps={[]} source="Live" now={NOW} empty="No output yet." />);
    expect(box.scrollTop).toBe(1000);

    box.scrollTop = 300;
    fireEvent.scroll(box);
    sized(box, 1400);
    buffer = withEntries(buffer, [entry(31, 10)]);
    rerender(<CommandConsole buffer={buffer} steps={[]} source="Live" now={NOW} empty="No output yet." />);
    expect(box.scrollTop).toBe(300);
    expect(box.dataset.following).toBe('false');

    fireEvent.click(screen.getByRole('button', { name: 'Follow the output' }));
    expect(box.scrollTop).toBe(1400);
    expect(box.dataset.following).toBe('true');
    expect(screen.queryByRole('button', { name: 'Follow the output' })).toBeNull();
  });

  it('keeps the DOM to the bounded lines and says how many gave way', () => {
    const buffer = withEntries(EMPTY_CONSOLE, [entry(1, 60)], 50);
    render(<CommandConsole buffer={buffer} steps={[]} source="Live" now={NOW} empty="No output yet." />);
    expect(screen.getByRole('log').children).toHaveLength(50);
    expect(screen.getByRole('log').firstElementChild!.textContent).toBe('line 11');
    expect(screen.getByText(/10 earlier lines not shown/).textContent).toBe(
      '10 earlier lines not shown (the last 5,000 are kept here)',
    );
  });

  it('renders only the new lines of a batch anew, the groups above kept as they were', () => {
    let buffer = withEntries(EMPTY_CONSOLE, [entry(1, 450)]);
    const { rerender } = render(
      <CommandConsole buffer={buffer} steps={[]} source="Live" now={NOW} empty="No output yet." />,
    );
    const firstLine = screen.getByRole('log').firstElementChild;
    buffer = withEntries(buffer, [entry(451, 5)]);
    rerender(<CommandConsole buffer={buffer} steps={[]} source="Live" now={NOW} empty="No output yet." />);
    expect(screen.getByRole('log').children).toHaveLength(455);
    expect(screen.getByRole('log').firstElementChild).toBe(firstLine);
  });
});

describe('atEnd', () => {
  it('counts a box scrolled to within a few pixels of its end as at its end', () => {
    expect(atEnd({ scrollHeight: 1000, clientHeight: 200, scrollTop: 800 })).toBe(true);
    expect(atEnd({ scrollHeight: 1000, clientHeight: 200, scrollTop: 790.5 })).toBe(true);
    expect(atEnd({ scrollHeight: 1000, clientHeight: 200, scrollTop: 700 })).toBe(false);
  });
});
