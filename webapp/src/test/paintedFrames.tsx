import { useLayoutEffect } from 'react';

/**
 * What each render of a tree put on the screen: render <Painted /> after the component under test,
 * and `frames` gets read() at every commit, before the browser paints it. A state fixed only in an
 * effect shows there as the frame with the stale value that a user sees flash by.
 */
export function paintedFrames<T>(read: () => T) {
  const frames: T[] = [];
  function Painted() {
    useLayoutEffect(() => {
      frames.push(read());
    });
    return null;
  }
  return { frames, Painted };
}
