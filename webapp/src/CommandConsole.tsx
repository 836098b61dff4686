import { memo, useLayoutEffect, useRef, useState } from 'react';
import { MAX_CONSOLE_LINES, stepDuration, type CommandStep, type ConsoleBuffer, type ConsoleLine } from './consoleLog';
import { formatDuration } from './graph';

interface Props {
  buffer: ConsoleBuffer;
  steps: CommandStep[];
  /** Where the lines come from ("Live", "Stored log"…), shown above them. */
  source: string;
  /** When the duration of a running step is counted to. */
  now: number;
  /** What the console says while it has no line. */
  empty: string;
}

/** A command's console: its steps with their state and duration, then its lines, following the tail. */
export function CommandConsole({ buffer, steps, source, now, empty }: Props) {
  const box = useRef<HTMLDivElement | null>(null);
  // Scrolled to the end, the console follows new lines; scrolled up, it stays where the reader is.
  const [following, setFollowing] = useState(true);

  useLayoutEffect(() => {
    if (following && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [buffer, following]);

  return (
    <div className="console" aria-label="Console">
      <StepList steps={steps} now={now} />
      <div className="console-source">
        <span>{source}</span>
        {buffer.cut > 0 && (
          <span className="console-cut">
            {buffer.cut.toLocaleString()} earlier lines not shown (the last {MAX_CONSOLE_LINES.toLocaleString()} are
            kept here)
          </span>
        )}
        {!following && <button onClick={() => setFollowing(true)}>Follow the output</button>}
      </div>
      <div
        ref={box}
        className="console-lines"
        role="log"
        aria-live="off"
        data-following={following}
        onScroll={(event) => setFollowing(atEnd(event.currentTarget))}
      >
        {chunksOf(buffer.lines).map((chunk) => (
          <Chunk key={chunk[0].seq} lines={chunk} />
        ))}
        {buffer.lines.length === 0 && <span className="empty">{empty}</span>}
      </div>
    </div>
  );
}

/** Whether a scrolled box shows its end (within a few pixels: zoom makes scroll positions fractional). */
export function atEnd(box: Pick<HTMLElement, 'scrollHeight' | 'scrollTop' | 'clientHeight'>): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight < 24;
}

/** A step in the colours of a run or node in the same state (`run-status` and its `status-…`). */
const STEP_COLOURS: Record<string, string> = {
  running: 'status-running',
  completed: 'status-success',
  failed: 'status-failure',
};

function StepList({ steps, now }: { steps: CommandStep[]; now: number }) {
  if (steps.length === 0) return null;
  return (
    <ol className="console-steps" aria-label="Steps">
      {steps.map((step) => {
        const duration = stepDuration(step, now);
        return (
          <li
            key={step.index}
            className={`console-step run-status ${STEP_COLOURS[step.status] ?? ''}`}
            data-status={step.status}
          >
            <span className="step-name">{step.name}</span>
            <span className="step-state">{step.status}</span>
            <span className="step-duration">{duration === null ? '' : formatDuration(duration)}</span>
          </li>
        );
      })}
    </ol>
  );
}

const CHUNK_LINES = 200;

/**
 * Lines in groups of CHUNK_LINES by their seq: a line never changes once added, so a group with the same
 * first line and length renders the same, and a batch of new lines re-renders only the last group or two,
 * not the thousands of lines above.
 */
function chunksOf(lines: ConsoleLine[]): ConsoleLine[][] {
  const chunks: ConsoleLine[][] = [];
  lines.forEach((line) => {
    const last = chunks.at(-1);
    if (last && Math.floor(last[0].seq / CHUNK_LINES) === Math.floor(line.seq / CHUNK_LINES)) last.push(line);
    else chunks.push([line]);
  });
  return chunks;
}

const Chunk = memo(
  function Chunk({ lines }: { lines: ConsoleLine[] }) {
    return lines.map((line) => (
      <div key={line.seq} className={`console-line line-${line.stream}`}>
        {line.text || ' '}
      </div>
    ));
  },
  (before, after) => before.lines.length === after.lines.length && before.lines[0].seq === after.lines[0].seq,
);
