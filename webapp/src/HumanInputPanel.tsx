import { useState } from 'react';
import { call, describe } from './api';
import { textOf, type Candidate, type WaitRequest } from './llmRun';
import { ErrorLine } from './ListParts';

interface Props {
  taskId: string;
  nodeId: string;
  /** The node's name on the canvas. */
  name: string;
  request: WaitRequest;
  /** The server took the answer: the run goes on. */
  onAnswered: (nodeId: string) => void;
}

type Action = 'select' | 'approve' | 'reject' | 'regenerate';

/** The key a candidate is selected by: its index in the llm node's output, or its position for plain texts. */
function keyOf(candidate: Candidate | string, position: number): number {
  return typeof candidate === 'string' ? position : (candidate.index ?? position);
}

/**
 * A person's answer to a waiting human-input node: the candidates side by side, selected as the node's
 * mode says, edited when it allows, feedback for a regenerate when it allows, approved or rejected.
 */
export function HumanInputPanel({ taskId, nodeId, name, request, onAnswered }: Props) {
  const candidates = request.candidates ?? [];
  const selecting = request.mode === 'select_one' || request.mode === 'select_many';
  const [selected, setSelected] = useState<number[]>(() =>
    request.mode === 'select_one' && candidates.length > 0 ? [keyOf(candidates[0], 0)] : [],
  );
  // The edited text, once the person changes it; until then the selection's text is what is shown.
  const [edited, setEdited] = useState<string | null>(null);
  const [feedback, setFeedback] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const selectedText = candidates
    .filter((candidate, position) => selected.includes(keyOf(candidate, position)))
    .map(textOf)
    .join('\n\n');
  const proposed = request.mode === 'text' ? '' : selecting ? selectedText : candidates.map(textOf).join('\n\n');
  const shownText = edited ?? proposed;
  const editable = request.mode === 'text' || (request.allow_edit && proposed !== '');

  const toggle = (key: number) => {
    setEdited(null);
    if (request.mode === 'select_one') setSelected([key]);
    else setSelected((current) => (current.includes(key) ? current.filter((each) => each !== key) : [...current, key]));
  };

  const answer = async (action: Action) => {
    const body: Record<string, unknown> = { node_id: nodeId, action };
    if (action === 'select') body.selected = selected;
    if ((action === 'select' || action === 'approve') && (edited !== null || request.mode === 'text'))
      body.text = shownText;
    if (feedback.trim() !== '' && (action === 'regenerate' || action === 'reject')) body.feedback = feedback;
    setSending(true);
    try {
      await call('POST', `runs/${taskId}/resume/`, body);
      setError(null);
      onAnswered(nodeId);
    } catch (failed) {
      setError(describe(failed));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="human-input" aria-label="Waiting for you" data-node-id={nodeId}>
      <header>
        <strong>{name}</strong> is waiting for you
      </header>
      {request.prompt && <p className="human-prompt">{request.prompt}</p>}
      {candidates.length > 0 && (
        <div className="candidate-grid">
          {candidates.map((candidate, position) => {
            const key = keyOf(candidate, position);
            const isSelected = selected.includes(key);
            return (
              <label
                key={key}
                className={isSelected ? 'candidate choice selected' : 'candidate choice'}
                data-candidate={key}
              >
                <header>
                  {selecting && (
                    <input
                      type={request.mode === 'select_one' ? 'radio' : 'checkbox'}
                      name={`choice-${nodeId}`}
                      checked={isSelected}
                      onChange={() => toggle(key)}
                      aria-label={`Candidate ${position + 1}`}
                    />
                  )}
                  #{position + 1}
                  {typeof candidate !== 'string' && candidate.model ? ` · ${candidate.model}` : ''}
                </header>
                <p className="candidate-text">{textOf(candidate)}</p>
              </label>
            );
          })}
        </div>
      )}
      {editable && (
        <label className="human-edit">
          {request.mode === 'text' ? 'Your answer' : 'Edit the selection'}
          <textarea rows={5} value={shownText} onChange={(e) => setEdited(e.target.value)} />
        </label>
      )}
      {request.allow_feedback && (
        <label className="human-feedback">
          Feedback
          <textarea
            rows={2}
            value={feedback}
            placeholder="What should the model do differently?"
            onChange={(e) => setFeedback(e.target.value)}
          />
        </label>
      )}
      <ErrorLine error={error} />
      <div className="modal-buttons">
        {request.allow_feedback && (
          <button onClick={() => answer('regenerate')} disabled={sending || feedback.trim() === ''}>
            Regenerate
          </button>
        )}
        <button onClick={() => answer('reject')} disabled={sending}>
          Reject
        </button>
        <button
          className="primary"
          onClick={() => answer(selecting ? 'select' : 'approve')}
          disabled={sending || (selecting && selected.length === 0)}
        >
          Approve
        </button>
      </div>
    </section>
  );
}
