import { useLayoutEffect, useRef } from 'react';

/**
 * The latest value of a prop, readable after an await: a panel reused for another node compares it
 * with the node it asked about, and drops an answer that came back too late to be about what it shows.
 * Written once the render is committed, never during it: a render React throws away must not change it.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const latest = useRef(value);
  useLayoutEffect(() => {
    latest.current = value;
  }, [value]);
  return latest;
}
