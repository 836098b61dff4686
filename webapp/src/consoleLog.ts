// A command node's console as the Monitor keeps it: its lines, bounded, and its steps. Live, from the
// workflow's WebSocket (log_entry, step_update); for a finished attempt, from its stored log and output.

/** Lines kept for the page: past this the oldest give way (and are counted), so that a command printing
 * without end never grows the page. The stored log keeps them all. */
export const MAX_CONSOLE_LINES = 5_000;

export interface ConsoleLine {
  /** Its place among every line this console received, notes included: a stable React key. */
  seq: number;
  text: string;
  /** A note is the console's own line: where lines were left out. */
  stream: 'stdout' | 'stderr' | 'note';
}

export interface ConsoleBuffer {
  lines: ConsoleLine[];
  /** The seq of the next line. */
  next: number;
  /** Lines given way at the top, to stay within the bound. */
  cut: number;
  /** Lines of the command received, those cut included: all of them when it equals the output's log.lines. */
  received: number;
}

export const EMPTY_CONSOLE: ConsoleBuffer = { lines: [], next: 0, cut: 0, received: 0 };

/** A log_entry message: `lines` lines joined by line ends, from line `first_line` (counted over both outputs). */
export interface LogEntry {
  type: 'log_entry';
  task_id: string | null;
  node_id: string;
  stream: 'stdout' | 'stderr';
  line: string;
  lines: number;
  first_line: number;
  step: number | null;
  /** Lines of this output the server left out before these, to keep up. */
  dropped: number;
}

/** A step of a command as step_update and the node's output tell it. */
export interface CommandStep {
  index: number;
  name: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
}

const note = (text: string) => ({ text, stream: 'note' as const });

/** The console after live messages, in the order they came, then bounded to `max` lines. */
export function withEntries(buffer: ConsoleBuffer, entries: LogEntry[], max = MAX_CONSOLE_LINES): ConsoleBuffer {
  const added: Omit<ConsoleLine, 'seq'>[] = [];
  let received = buffer.received;
  entries.forEach((entry) => {
    if (received === 0 && entry.first_line > 1) {
      added.push(note(`… ${entry.first_line - 1} earlier lines were printed before this console connected`));
    }
    if (entry.dropped > 0) {
      added.push(note(`… ${entry.dropped} lines left out here to keep up (the stored log has them)`));
    }
    if (entry.lines > 0) {
      entry.line
        .split('\n')
        .slice(0, entry.lines)
        .forEach((text) => added.push({ text, stream: entry.stream }));
    }
    received += entry.lines;
  });
  return bounded({ ...buffer, received }, added, max);
}

/**
 * The console of a stored log's text. `partial`: the text is the log's tail (a range), so its first line is
 * cut in the middle and left out, and `totalLines` (the output's log.lines), when known, counts what is above.
 */
export function fromStoredLog(
  text: string,
  { partial = false, totalLines = null }: { partial?: boolean; totalLines?: number | null } = {},
  max = MAX_CONSOLE_LINES,
): ConsoleBuffer {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (partial) lines.shift();
  const above = partial ? Math.max(0, (totalLines ?? lines.length) - lines.length) : 0;
  const shown = bounded(
    EMPTY_CONSOLE,
    lines.map((line) => ({ text: line, stream: 'stdout' as const })),
    max,
  );
  return { ...shown, cut: shown.cut + above, received: lines.length + above };
}

function bounded(buffer: ConsoleBuffer, added: Omit<ConsoleLine, 'seq'>[], max: number): ConsoleBuffer {
  if (added.length === 0) return buffer;
  const lines = buffer.lines.concat(added.map((line, i) => ({ ...line, seq: buffer.next + i })));
  const over = Math.max(0, lines.length - max);
  return {
    lines: over > 0 ? lines.slice(over) : lines,
    next: buffer.next + added.length,
    cut: buffer.cut + over,
    received: buffer.received,
  };
}

/** The steps with one started or ended: it replaces the step of its index, kept in order. */
export function withStep(steps: CommandStep[], step: CommandStep): CommandStep[] {
  return [...steps.filter((known) => known.index !== step.index), step].sort((a, b) => a.index - b.index);
}

/** How long a step took, or has been running at `now`; null when that cannot be told. */
export function stepDuration(step: CommandStep, now: number): number | null {
  if (step.duration_ms !== null && step.duration_ms !== undefined) return step.duration_ms;
  const started = Date.parse(step.started_at);
  if (Number.isNaN(started)) return null;
  if (step.ended_at) return Math.max(0, Date.parse(step.ended_at) - started);
  return step.status === 'running' ? Math.max(0, now - started) : null;
}

/** One node's live console and steps, as its current attempt prints them. */
export interface LiveLog {
  console: ConsoleBuffer;
  steps: CommandStep[];
}

export const NO_LIVE_LOG: LiveLog = { console: EMPTY_CONSOLE, steps: [] };

/** The live logs by node after a batch of log_entry messages, in the order they came. */
export function withLogEntries(logs: Record<string, LiveLog>, entries: LogEntry[]): Record<string, LiveLog> {
  if (entries.length === 0) return logs;
  const byNode = new Map<string, LogEntry[]>();
  entries.forEach((entry) => byNode.set(entry.node_id, [...(byNode.get(entry.node_id) ?? []), entry]));
  const next = { ...logs };
  byNode.forEach((nodeEntries, nodeId) => {
    const log = next[nodeId] ?? NO_LIVE_LOG;
    next[nodeId] = { ...log, console: withEntries(log.console, nodeEntries) };
  });
  return next;
}

/** What a command node's output says of its run (the part the console reads). */
export interface CommandOutput {
  exit_code: number;
  steps: CommandStep[];
  log?: { lines: number; complete: boolean };
  log_artifact?: { id: string } | null;
}

/**
 * The command's output of a node execution: its output when it succeeded, or the `details` of the failure
 * an error route took (a failure without one keeps no output: null).
 */
export function commandOutputOf(output: unknown): CommandOutput | null {
  const isCommand = (value: unknown): value is CommandOutput =>
    typeof value === 'object' &&
    value !== null &&
    'exit_code' in value &&
    Array.isArray((value as CommandOutput).steps);
  if (isCommand(output)) return output;
  const details = typeof output === 'object' && output !== null ? (output as { details?: unknown }).details : null;
  return isCommand(details) ? details : null;
}
