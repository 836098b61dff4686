// What a run of llm and human-input nodes shows besides node states: the candidates streaming in for
// each running llm node, and the request of each human-input node waiting for a person.

/** One candidate of an llm node's output. */
export interface Candidate {
  index: number;
  id?: string;
  connection?: string;
  model: string;
  text: string;
  finish_reason?: string;
  tokens?: { prompt: number; completion: number; total: number };
  duration_ms?: number;
  tokens_per_second?: number;
  cost_usd?: number;
  cached?: boolean;
}

/** What a waiting human-input node asks of a person. */
export interface WaitRequest {
  prompt: string;
  /** The candidates to choose from: an llm node's candidates, or plain texts. */
  candidates: (Candidate | string)[];
  mode: 'select_one' | 'select_many' | 'approve' | 'text' | string;
  allow_edit: boolean;
  allow_feedback: boolean;
}

/** The text a candidate streamed so far, per candidate index. */
export interface StreamedCandidate {
  candidate: number;
  model: string;
  content: string;
}

export interface NodeStream {
  candidates: StreamedCandidate[];
  /** stream_complete came: every candidate has all its text. */
  complete: boolean;
}

export interface LlmRunState {
  streams: Record<string, NodeStream>;
  waiting: Record<string, WaitRequest>;
}

export const NO_LLM_STATE: LlmRunState = { streams: {}, waiting: {} };

export interface LlmEvent {
  type: string;
  node_id?: string;
  candidate?: number;
  model?: string;
  content?: string;
  request?: WaitRequest;
}

/** The streams and waits after one event; any other event leaves them as they were (the same object). */
export function applyLlmEvent(state: LlmRunState, event: LlmEvent): LlmRunState {
  if (event.type === 'workflow_started') return NO_LLM_STATE;
  const nodeId = event.node_id;
  if (!nodeId) return state;
  switch (event.type) {
    case 'node_started': {
      // A node that runs again (a regenerate) streams anew and is no longer waiting.
      if (!state.streams[nodeId] && !state.waiting[nodeId]) return state;
      return { streams: omit(state.streams, nodeId), waiting: omit(state.waiting, nodeId) };
    }
    case 'stream_token': {
      const index = event.candidate ?? 0;
      const before = state.streams[nodeId]?.candidates ?? [];
      const known = before.find((each) => each.candidate === index);
      const candidates = known
        ? before.map((each) => (each === known ? { ...each, content: each.content + (event.content ?? '') } : each))
        : [...before, { candidate: index, model: event.model ?? '', content: event.content ?? '' }].sort(
            (a, b) => a.candidate - b.candidate,
          );
      return { ...state, streams: { ...state.streams, [nodeId]: { candidates, complete: false } } };
    }
    case 'stream_complete': {
      const stream = state.streams[nodeId];
      return {
        ...state,
        streams: { ...state.streams, [nodeId]: { candidates: stream?.candidates ?? [], complete: true } },
      };
    }
    case 'node_waiting':
      return event.request ? { ...state, waiting: { ...state.waiting, [nodeId]: event.request } } : state;
    case 'node_completed':
    case 'node_failed':
    case 'node_skipped':
      return withoutWait(state, nodeId);
    default:
      return state;
  }
}

/** The waits a state_sync reports (its waiting nodes that carry their request). */
export function waitingOfSync(waitingNodes: { node_id: string; request?: WaitRequest }[] | undefined): LlmRunState {
  const waiting: Record<string, WaitRequest> = {};
  (waitingNodes ?? []).forEach((node) => {
    if (node.request) waiting[node.node_id] = node.request;
  });
  return { streams: {}, waiting };
}

/** The state with waits found elsewhere (a run's stored steps) added; those the socket reported win. */
export function withWaits(state: LlmRunState, waits: Record<string, WaitRequest>): LlmRunState {
  return Object.keys(waits).every((nodeId) => nodeId in state.waiting)
    ? state
    : { ...state, waiting: { ...waits, ...state.waiting } };
}

/** The state without a node's wait: answered, it waits no more (a new node_waiting may ask again). */
export function withoutWait(state: LlmRunState, nodeId: string): LlmRunState {
  return nodeId in state.waiting ? { ...state, waiting: omit(state.waiting, nodeId) } : state;
}

/** A run's stored step as far as a wait is concerned. */
export interface WaitingStep {
  node_id: string;
  status: string;
  request?: WaitRequest;
  output?: unknown;
}

/** The requests of a run's waiting steps: where a client that missed node_waiting finds them. */
export function waitsOfRun(steps: WaitingStep[]): Record<string, WaitRequest> {
  const waits: Record<string, WaitRequest> = {};
  steps
    .filter((step) => step.status === 'WAITING')
    .forEach((step) => {
      const request = step.request ?? (step.output as { request?: WaitRequest } | null)?.request;
      if (request) waits[step.node_id] = request;
    });
  return waits;
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const kept = { ...record };
  delete kept[key];
  return kept;
}

/** The text of a candidate, an llm node's or a plain one. */
export function textOf(candidate: Candidate | string): string {
  return typeof candidate === 'string' ? candidate : candidate.text;
}

/** Dollars as a run's cost reads: small sums keep their digits ($0.00042), larger ones two decimals. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toPrecision(2)}` : `$${usd.toFixed(2)}`;
}
