import { useState } from 'react';
import { call, describe, type CanvasNode } from './api';
import type { DeclaredInput } from './RunInputs';
import type { RunDetail } from './RunsPanel';

interface Controls {
  workflowId: string;
  canvasNodes: Record<string, CanvasNode>;
  /** The live run: its task id and status. */
  run: { taskId?: string; status: string };
  openRun: RunDetail | null;
  selected: string | null;
  started: (taskId: string) => void;
  statusIs: (taskId: string, status: string) => void;
  runsChanged: () => void;
  showLive: () => void;
  done: () => void;
  fail: (error: unknown) => void;
}

/**
 * Run, Pause/Resume and Stop, and running again from a node of an opened run (rewind, fork). The canvas
 * runs in development mode: pinned nodes answer their pinned output instead of running. A manual trigger
 * that declares inputs asks for them first (`asking`, with the server's refusal of the last ones given).
 */
export function useRunControls(controls: Controls) {
  const { workflowId, canvasNodes, run, openRun, selected, started, statusIs, runsChanged, showLive, done, fail } =
    controls;
  const [asking, setAsking] = useState<{ inputs: DeclaredInput[]; error: string | null } | null>(null);

  const startWith = (input?: Record<string, unknown>) =>
    call<{ task_id: string }>('POST', `workflow/${workflowId}/start_execution/`, {
      ...(input === undefined ? {} : { input }),
      mode: 'development',
    })
      .then((answer) => {
        setAsking(null);
        showLive();
        started(answer.task_id);
        done();
      })
      .catch((failed) =>
        input !== undefined ? setAsking((current) => current && { ...current, error: describe(failed) }) : fail(failed),
      );
  const start = () => {
    const trigger = Object.values(canvasNodes).find((node) => node.node_type === 'manual-trigger');
    const inputs = trigger?.form_values.inputs;
    if (Array.isArray(inputs) && inputs.length > 0) setAsking({ inputs: inputs as DeclaredInput[], error: null });
    else startWith();
  };
  const stop = () => call('GET', `workflow/${workflowId}/stop_execution/`).catch(fail);
  const again = (how: 'rewind' | 'fork') => {
    if (!openRun || !selected) return;
    call<{ task_id: string }>('POST', `runs/${openRun.task_id}/${how}/`, { node_id: selected })
      .then(() => {
        showLive();
        runsChanged();
        done();
      })
      .catch(fail);
  };
  // Pause stops starting nodes; resume without a node continues the run.
  const pauseOrResume = (how: 'pause' | 'resume') => {
    const taskId = run.taskId;
    if (!taskId) return;
    call<{ status?: string } | null>('POST', `runs/${taskId}/${how}/`, how === 'resume' ? {} : undefined)
      .then((answer) => {
        statusIs(taskId, answer?.status ?? (how === 'pause' ? 'PAUSED' : 'STARTED'));
        done();
      })
      .catch(fail);
  };

  return {
    asking,
    cancelAsking: () => setAsking(null),
    startWith,
    start,
    stop,
    again,
    pauseOrResume,
    running: ['PENDING', 'STARTED', 'WAITING', 'PAUSED'].includes(run.status),
    pausable: ['PENDING', 'STARTED', 'WAITING'].includes(run.status) && run.taskId !== undefined,
  };
}
