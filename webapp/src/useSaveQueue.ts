import { useCallback, useRef, useState } from 'react';

/**
 * Every change of the canvas is saved as it is made, one after the other, so that an edge is never sent
 * before its node and an undo never overtakes the change it undoes; `pending` says how many are on their
 * way. A move or a delete shows on the canvas before it is saved (`shownBeforeSaved`): if the server
 * refuses it, the canvas no longer shows what is saved, and `unsaved` says so (the bar offers Reload).
 * Anything else shows only once saved.
 */
export function useSaveQueue(fail: (error: unknown) => void, saved: () => void, settled: () => void) {
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [pending, setPending] = useState(0);
  const [unsaved, setUnsaved] = useState(false);
  const change = useCallback(
    <T>(work: () => Promise<T>, shownBeforeSaved = false): Promise<T> => {
      setPending((n) => n + 1);
      const done = queue.current.then(work);
      queue.current = done.catch(() => undefined);
      return done
        .then((value) => {
          saved();
          return value;
        })
        .catch((failed) => {
          if (shownBeforeSaved) setUnsaved(true);
          fail(failed);
          throw failed;
        })
        .finally(() => {
          setPending((n) => n - 1);
          settled();
        });
    },
    [fail, saved, settled],
  );
  return { change, pending, unsaved, clearUnsaved: useCallback(() => setUnsaved(false), []) };
}
