import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from './api';
import type { ArtifactsPage } from './artifacts';
import { queryKeys } from './query/keys';

const LISTED = 100;

/** The run's artifacts, newest first (the latest LISTED of them), read again by `reload`. */
export function useRunArtifacts(runId: string) {
  const client = useQueryClient();
  const { data, error } = useQuery({
    queryKey: queryKeys.artifacts(runId),
    queryFn: () => call<ArtifactsPage>('GET', `artifacts/?run_id=${encodeURIComponent(runId)}&limit=${LISTED}`),
  });
  const reload = useCallback(
    () => void client.invalidateQueries({ queryKey: queryKeys.artifacts(runId), exact: true }),
    [client, runId],
  );
  return { artifacts: data?.artifacts ?? [], total: data?.total_count ?? 0, loaded: data !== undefined, reload, error };
}
