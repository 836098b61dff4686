// The one cache of server data: every view reads through it, so two views asking the same thing share one
// request, an answer to an older question never overwrites a newer one, and a change marks what it touched stale.
import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api';

/**
 * The app's client. A refusal from the API (any {error, code, details} answer) is not asked again: the same
 * request gets the same answer; a network failure is, once. Queries are stale at once, as the views read
 * fresh data on every mount before; window focus reads the shown ones again (what a user back from another
 * tab expects to see).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: (failures, failed) => failures < 1 && !isApiError(failed), staleTime: 0 },
      mutations: { retry: false },
    },
  });
}
