import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { storedLogTail, type Artifact } from './artifacts';
import { CommandConsole } from './CommandConsole';
import { commandOutputOf, EMPTY_CONSOLE, fromStoredLog, type LiveLog } from './consoleLog';
import type { NodeExecution } from './runList';
import { queryKeys } from './query/keys';

export interface ExecutionProps {
  execution: NodeExecution;
  /** What the run's socket brought of this node's latest attempt, if this is it. */
  live: LiveLog | null;
  /** The run's artifacts: the stored log of an attempt that failed without keeping an output is among them. */
  artifacts: Artifact[];
  onFailure: (failed: unknown) => void;
  now: number;
}

/**
 * A command attempt's console, from the best source there is: the live lines while it runs; once it has
 * ended, the same lines if the socket brought every one of them, else its stored log (the console connected
 * late, or the server left lines out to keep up).
 */
export function CommandLogView({ execution, live, artifacts, onFailure, now }: ExecutionProps) {
  const output = commandOutputOf(execution.output);
  const ended = execution.status !== 'RUNNING';
  const liveIsWhole = live !== null && output?.log !== undefined && live.console.received === output.log.lines;
  const storedLog = ended && !liveIsWhole ? (output?.log_artifact?.id ?? logArtifactOf(execution, artifacts)) : null;
  const stored = useStoredLog(storedLog, output?.log?.lines ?? null, onFailure);

  const steps = output?.steps.length ? output.steps : (live?.steps ?? []);
  const loaded = storedLog !== null && stored?.id === storedLog;
  let buffer = live?.console ?? EMPTY_CONSOLE;
  let source = 'Live';
  if (storedLog) {
    buffer = loaded && stored ? stored.buffer : EMPTY_CONSOLE;
    source = loaded ? 'Stored log' : 'Loading the stored log…';
  } else if (ended && liveIsWhole) source = 'Output (every line came live)';
  else if (ended) source = live ? 'What came live (no stored log found)' : 'No stored log';
  const empty = storedLog && !loaded ? '' : ended ? 'No output.' : 'No output yet.';
  return <CommandConsole buffer={buffer} steps={steps} source={source} now={now} empty={empty} />;
}

/**
 * The log a command attempt left when its failure kept no output: the first log artifact of its node made
 * after the attempt began (each attempt writes its own, one after the other).
 */
function logArtifactOf(execution: NodeExecution, artifacts: Artifact[]): string | null {
  const began = Date.parse(execution.started_at ?? '');
  const found = artifacts
    .filter((a) => a.node_id === execution.node_id && a.artifact_type === 'log' && Date.parse(a.created_at) >= began)
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))[0];
  return found?.id ?? null;
}

function useStoredLog(id: string | null, totalLines: number | null, onFailure: (failed: unknown) => void) {
  const { data, error } = useQuery({
    queryKey: queryKeys.storedLog(id ?? '', totalLines),
    queryFn: async () => {
      const { text, partial } = await storedLogTail(id!);
      return { id: id!, buffer: fromStoredLog(text, { partial, totalLines }) };
    },
    enabled: id !== null,
    // A stored log never changes: read once, however often the console is shown again.
    staleTime: Infinity,
  });
  useEffect(() => {
    if (error) onFailure(error);
  }, [error, onFailure]);
  return data ?? null;
}
