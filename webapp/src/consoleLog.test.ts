import { describe, expect, it } from 'vitest';
import {
  commandOutputOf,
  EMPTY_CONSOLE,
  fromStoredLog,
  stepDuration,
  withEntries,
  withLogEntries,
  withStep,
  type CommandStep,
  type ConsoleBuffer,
  type LogEntry,
} from './consoleLog';

const entry = (firstLine: number, lines: string[], more: Partial<LogEntry> = {}): LogEntry => ({
  type: 'log_entry',
  task_id: 't1',
  node_id: 'n1',
  stream: 'stdout',
  line: lines.join('\n'),
  lines: lines.length,
  first_line: firstLine,
  step: 0,
  dropped: 0,
  ...more,
});
const texts = (buffer: ConsoleBuffer) => buffer.lines.map((line) => line.text);
const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

describe('withEntries', () => {
  it('splits each message into its lines, each with its output, in the order they came', () => {
    const buffer = withEntries(EMPTY_CONSOLE, [
      entry(1, ['::step::One', 'a']),
      entry(3, ['careful'], { stream: 'stderr' }),
      entry(4, ['b']),
    ]);
    expect(buffer.lines).toEqual([
      { seq: 0, text: '::step::One', stream: 'stdout' },
      { seq: 1, text: 'a', stream: 'stdout' },
      { seq: 2, text: 'careful', stream: 'stderr' },
      { seq: 3, text: 'b', stream: 'stdout' },
    ]);
    expect([buffer.received, buffer.cut, buffer.next]).toEqual([4, 0, 4]);
  });

  it('says where lines are missing: printed before it connected, or left out by the server to keep up', () => {
    const buffer = withEntries(EMPTY_CONSOLE, [entry(41, ['x']), entry(50, ['y'], { dropped: 8 })]);
    expect(texts(buffer)).toEqual([
      '… 40 earlier lines were printed before this console connected',
      'x',
      '… 8 lines left out here to keep up (the stored log has them)',
      'y',
    ]);
    expect(buffer.received).toBe(2);
  });

  it('keeps the last lines only, counting those given way, however many arrive at once', () => {
    const first = withEntries(EMPTY_CONSOLE, [entry(1, numbered(1, 8))], 10);
    const second = withEntries(first, [entry(9, numbered(9, 12)), entry(13, numbered(13, 30))], 10);
    expect(texts(second)).toEqual(numbered(21, 30));
    expect([second.cut, second.received]).toEqual([20, 30]);
    expect(second.lines.map((line) => line.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
  });

  it('adds nothing for a message of dropped lines only but the note', () => {
    const buffer = withEntries(withEntries(EMPTY_CONSOLE, [entry(1, ['a'])]), [entry(0, [], { dropped: 3 })]);
    expect(texts(buffer)).toEqual(['a', '… 3 lines left out here to keep up (the stored log has them)']);
  });
});

describe('fromStoredLog', () => {
  it('reads a whole log, its last line end not an empty line', () => {
    const buffer = fromStoredLog('one\ntwo\n\nthree\n');
    expect(texts(buffer)).toEqual(['one', 'two', '', 'three']);
    expect([buffer.cut, buffer.received]).toEqual([0, 4]);
  });

  it("leaves out the cut first line of a log's tail and counts the lines above from the output", () => {
    const buffer = fromStoredLog('ne 7\nline 8\nline 9\n', { partial: true, totalLines: 9 });
    expect(texts(buffer)).toEqual(['line 8', 'line 9']);
    expect([buffer.cut, buffer.received]).toEqual([7, 9]);
  });

  it('keeps the last lines of a long log', () => {
    const buffer = fromStoredLog(numbered(1, 25).join('\n'), {}, 10);
    expect(texts(buffer)).toEqual(numbered(16, 25));
    expect(buffer.cut).toBe(15);
  });
});

const step = (index: number, status: string, more: Partial<CommandStep> = {}): CommandStep => ({
  index,
  name: `Step ${index}`,
  status,
  started_at: '2026-12-06T12:00:00.000Z',
  ended_at: null,
  duration_ms: null,
  ...more,
});

describe('steps', () => {
  it('replace the step of their index and stay in order', () => {
    const running = withStep(withStep([], step(1, 'running')), step(0, 'completed'));
    expect(running.map((each) => [each.index, each.status])).toEqual([
      [0, 'completed'],
      [1, 'running'],
    ]);
    expect(withStep(running, step(1, 'failed')).map((each) => each.status)).toEqual(['completed', 'failed']);
  });

  it('last their duration once ended, and the time so far while running', () => {
    const now = Date.parse('2026-12-06T12:00:02.500Z');
    expect(stepDuration(step(0, 'completed', { duration_ms: 1200 }), now)).toBe(1200);
    expect(stepDuration(step(0, 'completed', { ended_at: '2026-12-06T12:00:00.800Z' }), now)).toBe(800);
    expect(stepDuration(step(0, 'running'), now)).toBe(2500);
    expect(stepDuration(step(0, 'failed'), now)).toBeNull();
  });
});

describe('withLogEntries', () => {
  it("adds each node's lines to that node's console", () => {
    const logs = withLogEntries({}, [entry(1, ['a']), entry(1, ['x'], { node_id: 'n2' }), entry(2, ['b'])]);
    expect(texts(logs.n1.console)).toEqual(['a', 'b']);
    expect(texts(logs.n2.console)).toEqual(['x']);
  });
});

describe('commandOutputOf', () => {
  const output = { exit_code: 0, steps: [], log: { lines: 2, complete: true }, log_artifact: { id: 'a1' } };
  it("finds a command's output in a success, in the details of an error-routed failure, and nowhere else", () => {
    expect(commandOutputOf(output)).toBe(output);
    expect(commandOutputOf({ error: 'exited with 3', error_type: 'command_failed', details: output })).toBe(output);
    expect(commandOutputOf(null)).toBeNull();
    expect(commandOutputOf({ greeting: 'hello' })).toBeNull();
  });
});
