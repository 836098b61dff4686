import { formatDuration } from './graph';
import { formatCost, type Candidate, type NodeStream } from './llmRun';

/** The candidates of a running llm node as their tokens arrive, side by side, each named by its model. */
export function StreamingCandidates({ stream }: { stream: NodeStream }) {
  return (
    <section className="candidates" aria-label="Streaming candidates" data-complete={stream.complete}>
      <h3>{stream.complete ? 'Streamed' : 'Streaming…'}</h3>
      <div className="candidate-grid">
        {stream.candidates.map((candidate) => (
          <article className="candidate streaming" key={candidate.candidate} data-candidate={candidate.candidate}>
            <header>
              #{candidate.candidate + 1} · {candidate.model}
            </header>
            <p className="candidate-text">{candidate.content}</p>
          </article>
        ))}
      </div>
    </section>
  );
}

/** The final candidates of an llm node's output, with their tokens, time, cost and whether the cache answered. */
export function CandidateList({ candidates }: { candidates: Candidate[] }) {
  return (
    <section className="candidates" aria-label="Candidates">
      <h3>Candidates</h3>
      <div className="candidate-grid">
        {candidates.map((candidate) => (
          <article className="candidate" key={candidate.id ?? candidate.index} data-candidate={candidate.index}>
            <header>
              #{candidate.index + 1} · {candidate.model}
              {candidate.cached && <span className="cached">cached</span>}
            </header>
            <p className="candidate-text">{candidate.text}</p>
            <footer className="candidate-stats">{statsOf(candidate)}</footer>
          </article>
        ))}
      </div>
    </section>
  );
}

/** "120 tokens · 1.4 s · 85 tok/s · $0.0004": what the candidate cost, as far as the server said. */
function statsOf(candidate: Candidate): string {
  return [
    candidate.tokens && `${candidate.tokens.total} tokens`,
    candidate.duration_ms !== undefined && formatDuration(candidate.duration_ms),
    candidate.tokens_per_second !== undefined && `${Math.round(candidate.tokens_per_second)} tok/s`,
    candidate.cost_usd !== undefined && formatCost(candidate.cost_usd),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The candidates of a node's output, if it is an llm node's. */
export function candidatesOf(output: unknown): Candidate[] | null {
  if (typeof output !== 'object' || output === null) return null;
  const candidates = (output as { candidates?: unknown }).candidates;
  return Array.isArray(candidates) &&
    candidates.every((each) => typeof each === 'object' && each !== null && 'text' in each)
    ? (candidates as Candidate[])
    : null;
}
