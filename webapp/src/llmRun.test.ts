import { describe, expect, it } from 'vitest';
import { applyLlmEvent, formatCost, NO_LLM_STATE, waitsOfRun, type LlmEvent, type WaitRequest } from './llmRun';

const request: WaitRequest = {
  prompt: 'Pick the best angle',
  candidates: [{ index: 0, model: 'a', text: 'one' }],
  mode: 'select_one',
  allow_edit: true,
  allow_feedback: true,
};
const token = (candidate: number, model: string, content: string): LlmEvent => ({
  type: 'stream_token',
  node_id: 'llm',
  candidate,
  model,
  content,
});
const play = (...events: LlmEvent[]) => events.reduce(applyLlmEvent, NO_LLM_STATE);

describe('the llm events of a run', () => {
  it('appends each stream_token to its candidate, candidates in index order, each named by its model', () => {
    const state = play(
      token(1, 'qwen', 'Hel'),
      token(0, 'llama', 'Once'),
      token(1, 'qwen', 'lo'),
      token(0, 'llama', ' upon'),
    );
    expect(state.streams.llm).toEqual({
      complete: false,
      candidates: [
        { candidate: 0, model: 'llama', content: 'Once upon' },
        { candidate: 1, model: 'qwen', content: 'Hello' },
      ],
    });
    expect(applyLlmEvent(state, { type: 'stream_complete', node_id: 'llm' }).streams.llm.complete).toBe(true);
  });

  it('starts a node that runs again (a regenerate) with no text and no wait; a new run clears everything', () => {
    const streamed = play(token(0, 'llama', 'old'), { type: 'node_waiting', node_id: 'ask', request });
    expect(streamed.waiting.ask).toEqual(request);
    const again = applyLlmEvent(streamed, { type: 'node_started', node_id: 'llm' });
    expect(again.streams.llm).toBeUndefined();
    expect(again.waiting.ask).toEqual(request);
    expect(applyLlmEvent(streamed, { type: 'workflow_started' })).toEqual(NO_LLM_STATE);
  });

  it('keeps a wait until its node completes; a node_waiting without a request (a wait node) is no question', () => {
    const waiting = play({ type: 'node_waiting', node_id: 'ask', request }, { type: 'node_waiting', node_id: 'pause' });
    expect(Object.keys(waiting.waiting)).toEqual(['ask']);
    expect(applyLlmEvent(waiting, { type: 'node_completed', node_id: 'ask' }).waiting).toEqual({});
  });

  it('leaves the state as it was (the same object) for events about other things', () => {
    const state = play(token(0, 'm', 'x'));
    expect(applyLlmEvent(state, { type: 'node_completed', node_id: 'other' })).toBe(state);
    expect(applyLlmEvent(state, { type: 'pong' })).toBe(state);
  });

  it("finds the requests of a run's waiting steps", () => {
    expect(
      waitsOfRun([
        { node_id: 'llm', status: 'SUCCESS', output: {} },
        { node_id: 'ask', status: 'WAITING', request },
        { node_id: 'ask2', status: 'WAITING', output: { request } },
        { node_id: 'wait', status: 'WAITING', output: null },
      ]),
    ).toEqual({ ask: request, ask2: request });
  });

  it('writes costs as they read', () => {
    expect([0, 0.00042, 0.0123, 3.5].map(formatCost)).toEqual(['$0', '$0.00042', '$0.01', '$3.50']);
  });
});
