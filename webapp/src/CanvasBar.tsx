import { CanvasTools } from './CanvasTools';
import type { NodeState } from './graph';
import { RunCounts } from './RunCounts';
import type { Connection } from './useLiveRun';
import type { useRunControls } from './useRunControls';

interface Props {
  name?: string;
  readOnly: boolean;
  runStatus: string;
  counts: Partial<Record<NodeState, number>>;
  connection: Connection;
  /** Saves still under way, and whether one failed (the canvas may differ from the server's). */
  saving: { pending: number; unsaved: boolean };
  onReload: () => void;
  undoable: { back: boolean; forward: boolean };
  onTravel: (direction: 'back' | 'forward') => void;
  onAddNote: () => void;
  onTidy: () => void;
  onExport: (format: 'yaml' | 'json') => void;
  runs: ReturnType<typeof useRunControls>;
}

/**
 * The bar above the canvas: the workflow's name, the run's status and counts, the live connection,
 * whether every change is saved, undo and redo, the canvas tools, export, and the run's buttons.
 */
export function CanvasBar(props: Props) {
  const { readOnly, runs, saving } = props;
  return (
    <div className="canvas-bar">
      <strong>{props.name}</strong>
      {readOnly && (
        <span className="read-only" data-testid="read-only" title="A viewer of this workspace reads only">
          read only (viewer)
        </span>
      )}
      <span className={`run-status status-${props.runStatus.toLowerCase()}`} data-testid="run-status">
        {props.runStatus}
      </span>
      <RunCounts counts={props.counts} />
      <span
        className={`live live-${props.connection}`}
        data-testid="live"
        title="Run events arrive over a WebSocket; after a reconnect the server sends the whole state again"
      >
        {props.connection === 'live' ? 'Live' : props.connection === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
      </span>
      <span className="spacer" />
      <span className={`saving${saving.unsaved ? ' unsaved' : ''}`} data-testid="saving">
        {saving.pending > 0 ? 'Saving…' : saving.unsaved ? 'Some changes were not saved' : 'All changes saved'}
      </span>
      {saving.unsaved && saving.pending === 0 && <button onClick={props.onReload}>Reload</button>}
      <button
        onClick={() => props.onTravel('back')}
        disabled={readOnly || !props.undoable.back}
        title="Undo (Ctrl+Z)"
        aria-label="Undo"
      >
        ↶
      </button>
      <button
        onClick={() => props.onTravel('forward')}
        disabled={readOnly || !props.undoable.forward}
        title="Redo (Ctrl+Shift+Z)"
        aria-label="Redo"
      >
        ↷
      </button>
      <CanvasTools
        readOnly={readOnly}
        onAddNote={props.onAddNote}
        onTidy={props.onTidy}
        onRun={runs.running ? undefined : runs.start}
      />
      <button onClick={() => props.onExport('yaml')} title="Download the workflow as YAML">
        Export YAML
      </button>
      <button onClick={() => props.onExport('json')} title="Download the workflow as JSON">
        Export JSON
      </button>
      <button className="primary" onClick={runs.start} disabled={readOnly || runs.running}>
        Run
      </button>
      {props.runStatus === 'PAUSED' ? (
        <button onClick={() => runs.pauseOrResume('resume')} disabled={readOnly}>
          Resume
        </button>
      ) : (
        <button onClick={() => runs.pauseOrResume('pause')} disabled={readOnly || !runs.pausable}>
          Pause
        </button>
      )}
      <button onClick={runs.stop} disabled={readOnly || !runs.running}>
        Stop
      </button>
    </div>
  );
}
