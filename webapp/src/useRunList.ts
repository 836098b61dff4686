import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { call } from './api';
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
 * a page every few seconds, only while the page is visible, is cheaper and sees everything.
 */
export const POLL_MS = 2_500;

/** The runs matching the filters, newest first, kept up to date; `loadMore` adds the next page below. */
export function useRunList(filters: RunFilters, onFailure: (failed: unknown) => void, onLoaded: () => void) {
  const key = JSON.stringify(filters);
  const [list, setList] = useState<RunList>(() => emptyList(key));
  const [loadingMore, setLoadingMore] = useState(false);
  const fail = useEffectEvent(onFailure);
  const loaded = useEffectEvent(onLoaded);

  useEffect(() => {
    let current = true;
    let asking = false;
    const refresh = async () => {
      // A hidden tab asks nothing; it catches up as soon as it is shown again.
      if (asking || document.visibilityState !== 'visible') return;
      asking = true;
      try {
        const page = await call<RunsPage>('GET', runsPath(filters, Date.now()));
        if (!current) return;
        setList((shown) => withFirstPage(shown.key === key ? shown : emptyList(key), page));
        loaded();
      } catch (failed) {
        if (current) fail(failed);
      } finally {
        asking = false;
      }
    };
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      current = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [filters, key]);

  // A list of other filters still shown while the first page of these is on its way would mislead.
  const shown = list.key === key ? list : emptyList(key);

  const loadMore = useCallback(async () => {
    if (!shown.cursor) return;
    setLoadingMore(true);
    try {
      const page = await call<RunsPage>('GET', runsPath(filters, Date.now(), shown.cursor));
      setList((latest) => (latest.key === key ? withNextPage(latest, page) : latest));
    } catch (failed) {
      onFailure(failed);
    } finally {
      setLoadingMore(false);
    }
  }, [filters, key, shown.cursor, onFailure]);

  return { list: shown, loadMore, loadingMore };
}
