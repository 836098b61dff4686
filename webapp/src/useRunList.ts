import { useCallback, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call } from './api';
import { queryKeys } from './query/keys';
import {
  emptyList,
  runsPath,
  withFirstPage,
  withNextPage,
  type RunFilters,
  type RunList,
  type RunsPage,
} from './runList';

/**
 * How often the first page is read again. This is polling, not the WebSocket, on purpose: a WebSocket
 * streams one workflow's runs (/ws/workflow/{id}), and this list shows every workflow's, so following it
 * live would take one socket per workflow, and still not see a workflow created meanwhile. One request of
 * a page every few seconds, only while the page is visible (a hidden tab asks nothing, and catches up as
 * soon as it is shown again), is cheaper and sees everything.
 */
export const POLL_MS = 2_500;

/**
 * The runs matching the filters, newest first, kept up to date; `loadMore` adds the next page below. The
 * first page is a polled query; the pages below it are kept here, and joined on to each new first page.
 */
export function useRunList(filters: RunFilters, onFailure: (failed: unknown) => void) {
  const key = JSON.stringify(filters);
  const first = useQuery({
    queryKey: queryKeys.runList(filters),
    queryFn: () => call<RunsPage>('GET', runsPath(filters, Date.now())),
    refetchInterval: POLL_MS,
  });
  // The list as "Load more" last left it; a list of other filters is not shown under these.
  const [below, setBelow] = useState<RunList>(() => emptyList(key));
  const [loadingMore, setLoadingMore] = useState(false);
  const older = below.key === key ? below : emptyList(key);
  const shown = first.data ? withFirstPage(older, first.data) : older;

  const loadMore = useCallback(async () => {
    if (!shown.cursor) return;
    setLoadingMore(true);
    try {
      const page = await call<RunsPage>('GET', runsPath(filters, Date.now(), shown.cursor));
      setBelow(withNextPage(shown, page));
    } catch (failed) {
      onFailure(failed);
    } finally {
      setLoadingMore(false);
    }
  }, [filters, shown, onFailure]);

  return { list: shown, loadMore, loadingMore, error: first.error };
}
