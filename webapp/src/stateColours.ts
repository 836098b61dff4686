// A node's run state in colour, for what is drawn outside the DOM: the overview's canvas and the minimap.
// The node elements take theirs from styles.css (.wf-node.state-*); stateColours.test.ts keeps the two
// the same, so a state looks alike in the canvas, the overview and the minimap.
import type { NodeState } from './graph';

export const STATE_BORDER: Record<NodeState, string> = {
  idle: '#c5cbd6',
  running: '#f08c00',
  waiting: '#7048e8',
  completed: '#237032',
  failed: '#c92a2a',
  skipped: '#c5cbd6',
};

export const STATE_FILL: Record<NodeState, string> = {
  idle: '#ffffff',
  running: '#fff9db',
  waiting: '#f3f0ff',
  completed: '#f4fcf5',
  failed: '#fff5f5',
  skipped: '#f6f7f9',
};

/** Stronger than the node's fill: a minimap node is a few pixels wide. */
export const STATE_MINIMAP: Record<NodeState, string> = {
  idle: '#dde1e8',
  running: '#f59f00',
  waiting: '#9775fa',
  completed: '#69db7c',
  failed: '#ff8787',
  skipped: '#eef0f4',
};
