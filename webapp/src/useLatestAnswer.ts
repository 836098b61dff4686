import { useEffect } from 'react';

/**
 * Asks again whenever `ask` changes (a keystroke in a search) or `reloads` is bumped, and hands on only
 * the answer to the latest question: an answer that comes after a newer question was sent is dropped.
 */
export function useLatestAnswer<T>(
  ask: () => Promise<T>,
  onAnswer: (answer: T) => void,
  onFailure: (failed: unknown) => void,
  reloads = 0,
) {
  useEffect(() => {
    let current = true;
    ask()
      .then((answer) => {
        if (current) onAnswer(answer);
      })
      .catch((failed) => {
        if (current) onFailure(failed);
      });
    return () => {
      current = false;
    };
  }, [ask, onAnswer, onFailure, reloads]);
}
