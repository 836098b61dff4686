import { useCallback } from 'react';
import { describe, isApiError } from './api';

/**
 * What a page does with a failed call: a refused token (401) signs out, anything else is shown as one
 * readable line through `show`.
 */
export function useFailure(onUnauthorized: () => void, show: (message: string) => void) {
  return useCallback(
    (failed: unknown) => {
      if (isApiError(failed) && failed.status === 401) onUnauthorized();
      else show(describe(failed));
    },
    [onUnauthorized, show],
  );
}
