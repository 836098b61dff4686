import { useCallback, useEffect, useRef, useState } from 'react';
import { NO_LIVE_LOG, withLogEntries, withStep, type CommandStep, type LiveLog, type LogEntry } from './consoleLog';
import type { RunMessage } from './useRunSocket';

/**
 * How long lines wait to be shown together. A command printing as fast as it can sends about forty
 * log_entry messages a second, each of up to 64 KB; rendering once per batch keeps the page responsive.
 */
const BATCH_MS = 100;

/**
 * The live consoles of a run's command nodes, by node, fed the run's socket messages. Lines are appended in
 * batches; a node that starts again (a retry, a rewind) starts with an empty console.
 */
export function useLiveLogs() {
  const [logs, setLogs] = useState<Record<string, LiveLog>>({});
  const pending = useRef<LogEntry[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Taken out of the queue before a state update, never inside one: React may call an update twice.
  const take = useCallback(() => {
    const entries = pending.current;
    pending.current = [];
    clearTimeout(timer.current);
    timer.current = undefined;
    return entries;
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);

  const receive = useCallback(
    (message: RunMessage) => {
      const nodeId = message.node_id;
      if (message.type === 'log_entry') {
        pending.current.push(message as unknown as LogEntry);
        timer.current ??= setTimeout(() => {
          const entries = take();
          setLogs((current) => withLogEntries(current, entries));
        }, BATCH_MS);
        return;
      }
      if (!nodeId || (message.type !== 'step_update' && message.type !== 'node_started')) return;
      // The lines printed before a step or a restart are shown before it.
      const entries = take();
      setLogs((current) => {
        const next = withLogEntries(current, entries);
        if (message.type === 'node_started') return { ...next, [nodeId]: NO_LIVE_LOG };
        const log = next[nodeId] ?? NO_LIVE_LOG;
        return { ...next, [nodeId]: { ...log, steps: withStep(log.steps, message.step as CommandStep) } };
      });
    },
    [take],
  );

  return { logs, receive };
}
