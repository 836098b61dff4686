import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HumanInputPanel } from './HumanInputPanel';
import type { WaitRequest } from './llmRun';
import { apiError, json, mockFetch } from './test/fetchMock';

const RESUME = 'POST runs/r1/resume/';
// As node_waiting sends it: the candidates of the upstream llm node's output.
const request: WaitRequest = {
  prompt: 'Pick the angle for the article',
  candidates: [
    { index: 0, id: 'c-0', connection: 'c1', model: 'llama-3-8b', text: 'The history angle', cached: false },
    { index: 1, id: 'c-1', connection: 'c2', model: 'qwen-7b', text: 'The economics angle', cached: false },
  ],
  mode: 'select_one',
  allow_edit: false,
  allow_feedback: false,
};

const renderPanel = (asked: WaitRequest = request) => {
  const onAnswered = vi.fn();
  render(<HumanInputPanel taskId="r1" nodeId="ask" name="Choose" request={asked} onAnswered={onAnswered} />);
  return { onAnswered };
};
const cards = () => Array.from(document.querySelectorAll('.human-input .candidate'), (card) => card.textContent);

describe('HumanInputPanel', () => {
  it('shows the prompt and the candidates side by side; picking the second and approving resumes with it', async () => {
    const server = mockFetch({ [RESUME]: () => json({ task_id: 'r1', status: 'STARTED' }) });
    const { onAnswered } = renderPanel();
    expect(screen.getByText('Pick the angle for the article')).toBeTruthy();
    expect(cards()).toEqual(['#1 · llama-3-8bThe history angle', '#2 · qwen-7bThe economics angle']);

    fireEvent.click(screen.getByLabelText('Candidate 2'));
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(onAnswered).toHaveBeenCalledWith('ask'));
    expect(server.callsTo('POST')).toEqual([
      expect.objectContaining({ path: 'runs/r1/resume/', body: { node_id: 'ask', action: 'select', selected: [1] } }),
    ]);
  });

  it('selects several in select_many mode and sends the edited text when editing is allowed', async () => {
    const server = mockFetch({ [RESUME]: () => json({}) });
    renderPanel({ ...request, mode: 'select_many', allow_edit: true });
    expect((screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Candidate 1'));
    fireEvent.click(screen.getByLabelText('Candidate 2'));
    const edit = screen.getByLabelText('Edit the selection') as HTMLTextAreaElement;
    expect(edit.value).toBe('The history angle\n\nThe economics angle');
    fireEvent.change(edit, { target: { value: 'History, then economics' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(server.callsTo('POST')).toHaveLength(1));
    expect(server.callsTo('POST')[0].body).toEqual({
      node_id: 'ask',
      action: 'select',
      selected: [0, 1],
      text: 'History, then economics',
    });
  });

  it('regenerates with feedback when allowed, and rejects', async () => {
    const server = mockFetch({ [RESUME]: () => json({}) });
    renderPanel({ ...request, allow_feedback: true });
    const regenerate = screen.getByRole('button', { name: 'Regenerate' }) as HTMLButtonElement;
    expect(regenerate.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Feedback'), { target: { value: 'Shorter, please' } });
    fireEvent.click(regenerate);
    await waitFor(() => expect(server.callsTo('POST')).toHaveLength(1));
    expect(server.callsTo('POST')[0].body).toEqual({
      node_id: 'ask',
      action: 'regenerate',
      feedback: 'Shorter, please',
    });

    // The buttons wait for the answer to the first call: no answer is sent twice.
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Reject' }) as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(server.callsTo('POST')).toHaveLength(2));
    expect(server.callsTo('POST')[1].body).toEqual({ node_id: 'ask', action: 'reject', feedback: 'Shorter, please' });
  });

  it('approves in approve mode, and sends the typed answer in text mode', async () => {
    const server = mockFetch({ [RESUME]: () => json({}) });
    renderPanel({ ...request, mode: 'approve', candidates: ['Publish the draft?'] });
    expect(screen.queryByLabelText('Candidate 1')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(server.callsTo('POST')).toHaveLength(1));
    expect(server.callsTo('POST')[0].body).toEqual({ node_id: 'ask', action: 'approve' });
  });

  it('sends the answer typed in text mode', async () => {
    const server = mockFetch({ [RESUME]: () => json({}) });
    renderPanel({ ...request, mode: 'text', candidates: [] });
    fireEvent.change(screen.getByLabelText('Your answer'), { target: { value: 'A title of my own' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(server.callsTo('POST')).toHaveLength(1));
    expect(server.callsTo('POST')[0].body).toEqual({ node_id: 'ask', action: 'approve', text: 'A title of my own' });
  });

  it("shows the server's refusal as one readable line and stays open", async () => {
    mockFetch({
      [RESUME]: () => apiError(409, 'CONFLICT', 'The node is not waiting', { node_id: 'ask', status: 'SUCCESS' }),
    });
    const { onAnswered } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('The node is not waiting: node_id: ask; status: SUCCESS'),
    );
    expect(onAnswered).not.toHaveBeenCalled();
    expect(screen.getByRole('region', { name: 'Waiting for you' })).toBeTruthy();
  });
});
