import { useRef } from 'react';

/**
 * The latest value of a prop, readable after an await: a panel reused for another node compares it
 * with the node it asked about, and drops an answer that came back too late to be about what it shows.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const latest = useRef(value);
  latest.current = value;
  return latest;
}
