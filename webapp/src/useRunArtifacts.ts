import { useCallback, useState } from 'react';
import { call } from './api';
import type { ArtifactsPage } from './artifacts';
import { useLatestAnswer } from './useLatestAnswer';

const LISTED = 100;

/** The run's artifacts, newest first (the latest LISTED of them), read again by `reload`. */
export function useRunArtifacts(runId: string, onFailure: (failed: unknown) => void) {
  const [page, setPage] = useState<ArtifactsPage | null>(null);
  const [reloads, setReloads] = useState(0);
  const ask = useCallback(
    () => call<ArtifactsPage>('GET', `artifacts/?run_id=${encodeURIComponent(runId)}&limit=${LISTED}`),
    [runId],
  );
  useLatestAnswer(ask, setPage, onFailure, reloads);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { artifacts: page?.artifacts ?? [], total: page?.total_count ?? 0, loaded: page !== null, reload };
}
