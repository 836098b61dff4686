import { useCallback, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import { call, type Canvas } from './api';
import { restoreBody, snapshotOf, withPositions, type UndoHistory } from './history';
import { tidyPositions } from './tidyUp';

interface Options {
  path: (rest: string) => string;
  change: <T>(work: () => Promise<T>) => Promise<T>;
  show: (canvas: Canvas) => void;
  history: RefObject<UndoHistory>;
}

/**
 * Tidies the layout and saves every new position in one PUT canvas_data (the notes stay where they
 * are): one step in the history, so one undo puts the old layout back.
 */
export function useTidyUp({ path, change, show, history }: Options) {
  const { getNodes, getEdges, fitView } = useReactFlow();
  return useCallback(
    () =>
      change(async () => {
        const nodes = getNodes().filter((node) => node.type === 'workflowNode');
        const positions = await tidyPositions(
          nodes.map((node) => ({
            id: node.id,
            position: node.position,
            width: node.measured?.width ?? 160,
            height: node.measured?.height ?? 60,
          })),
          getEdges(),
        );
        const server = await call<Canvas>('GET', path('canvas_data/'));
        const target = { ...withPositions(history.current.now, positions), notes: undefined };
        const onServer = new Set(server.nodes.map((node) => node.id));
        const saved = await call<Canvas>('PUT', path('canvas_data/'), restoreBody(target, server.version, onServer));
        history.current.record(snapshotOf(saved));
        show(saved);
        requestAnimationFrame(() => fitView({ maxZoom: 1, duration: 300 }));
      }).catch(() => undefined),
    [change, path, show, history, getNodes, getEdges, fitView],
  );
}
