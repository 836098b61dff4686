import { useEffect, useRef } from 'react';
import type { Edge, Node } from '@xyflow/react';
import type { CanvasEdge, CanvasNode } from './api';
import { withEdge, withNode, withoutMaskedSecrets, type CanvasSnapshot } from './history';

interface Editing {
  nodes: Node[];
  edges: Edge[];
  canvasNodes: Record<string, CanvasNode>;
  postNode: (spec: Record<string, unknown>) => Promise<CanvasNode>;
  postEdge: (source: string, sourceHandle: string, target: string) => Promise<CanvasEdge>;
  /** Runs a change of several calls as one step of the undo history. */
  step: (work: (saved: { snapshot: CanvasSnapshot }) => Promise<void>) => unknown;
  travel: (direction: 'back' | 'forward') => unknown;
  readOnly: boolean;
}

/**
 * Ctrl+C / Ctrl+V copy the selected nodes with their settings (secrets left out) and the edges between
 * them; Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes. In a text field the keys are the field's own.
 */
export function useCopyPasteUndo({ nodes, edges, canvasNodes, postNode, postEdge, step, travel, readOnly }: Editing) {
  const copied = useRef<{ nodes: CanvasNode[]; edges: Edge[] }>({ nodes: [], edges: [] });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (!(event.ctrlKey || event.metaKey) || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (readOnly) return;
      const key = event.key.toLowerCase();
      if (key === 'z' || key === 'y') {
        event.preventDefault();
        travel(key === 'y' || event.shiftKey ? 'forward' : 'back');
      } else if (key === 'c') {
        const picked = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
        copied.current = {
          nodes: [...picked].map((id) => canvasNodes[id]).filter(Boolean),
          edges: edges.filter((edge) => picked.has(edge.source) && picked.has(edge.target)),
        };
      } else if (key === 'v' && copied.current.nodes.length > 0) {
        const { nodes: sources, edges: links } = copied.current;
        step(async (saved) => {
          const newIds: Record<string, string> = {};
          for (const node of sources) {
            const pasted = await postNode({
              nodeTemplate: node.node_type,
              form_values: withoutMaskedSecrets(node.form_values),
              position: { x: node.position.x + 40, y: node.position.y + 40 },
            });
            newIds[node.id] = pasted.id;
            saved.snapshot = withNode(saved.snapshot, pasted);
          }
          for (const edge of links) {
            saved.snapshot = withEdge(
              saved.snapshot,
              await postEdge(newIds[edge.source], edge.sourceHandle ?? 'default', newIds[edge.target]),
            );
          }
        });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [nodes, edges, canvasNodes, postNode, postEdge, step, travel, readOnly]);
}
