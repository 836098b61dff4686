// What every view does with a query's failure and with a change: one place, so each view stays a few lines.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { describe, isApiError } from '../api';

/**
 * A query's failure as the line a view shows; a refused token (401) shows nothing and signs out instead.
 * Cleared by itself as soon as the query answers again.
 */
export function useQueryError(failed: unknown, onUnauthorized: () => void): string | null {
  const refused = isApiError(failed) && failed.status === 401;
  useEffect(() => {
    if (refused) onUnauthorized();
  }, [refused, onUnauthorized]);
  return failed && !refused ? describe(failed) : null;
}

/**
 * A change sent to the server (create, rename, delete…): once it is done, the queries under `stale` are
 * read again; a failure goes to `onFailure`. `change(request, { onSuccess })` hands one call's answer on
 * (a created item opened, say).
 */
export function useChange(stale: QueryKey[], onFailure: (failed: unknown) => void, onDone?: () => void) {
  const client = useQueryClient();
  const { mutate, isPending } = useMutation({
    mutationFn: (request: () => Promise<unknown>) => request(),
    onSuccess: async () => {
      onDone?.();
      await Promise.all(stale.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
    onError: onFailure,
  });
  return { change: mutate, changing: isPending };
}
