import { createContext, useContext, useEffect, useState } from 'react';
import { call, type CanvasNode } from '../api';
import type { ExpressionFunction, ScopeData } from './completion';

/** Where the panel's expression fields preview, and what their autocomplete knows. */
export interface ExpressionContext {
  workflowId: string;
  nodeId: string;
  scope: ScopeData;
  /** Counts the arrivals of asked-for data. */
  revision: number;
  /** Asks for what the autocomplete needs: called when an expression field is first focused. */
  load: () => void;
}

export const ExpressionScope = createContext<ExpressionContext | null>(null);

export const useExpressionContext = () => useContext(ExpressionScope);

// The functions are the server's, the same for every node: asked for once per page.
let functionsAnswer: Promise<ExpressionFunction[]> | null = null;

function loadFunctions(): Promise<ExpressionFunction[]> {
  functionsAnswer ??= call<{ functions: ExpressionFunction[] }>('GET', 'expressions/functions/')
    .then((answer) => answer.functions)
    .catch(() => {
      functionsAnswer = null; // asked again by the next panel
      return [];
    });
  return functionsAnswer;
}

/** Upstream nodes whose last output is asked for: the nearest ones, enough for any workflow written by hand. */
const MAX_SOURCES = 25;

/**
 * What a node's expressions can read as far as the editor knows: its input now (as the server
 * computes it), the last outputs of the nodes upstream (asked for: the canvas holds them only as
 * loaded, not after later runs), the functions. An answer for another node
 * than the one shown is dropped. Once asked for, the input is asked again for each node shown.
 */
export function useExpressionScope(workflowId: string, nodeId: string, upstream: CanvasNode[]): ExpressionContext {
  const [known, setKnown] = useState<{ nodeId: string; input: unknown; outputs: Record<string, unknown> } | null>(null);
  const [functions, setFunctions] = useState<ExpressionFunction[]>([]);
  // Nothing is asked for until an expression field is used: most panels are opened to read or rename.
  const [wanted, setWanted] = useState(false);
  const [revision, setRevision] = useState(0);
  const arrived = () => setRevision((count) => count + 1);
  const sources = upstream.slice(0, MAX_SOURCES).map((node) => `${node.id}\n${node.name}`);
  const sourcesKey = sources.join('\n\n');

  useEffect(() => {
    if (!wanted) return;
    let current = true;
    const nodes = sourcesKey === '' ? [] : sourcesKey.split('\n\n').map((source) => source.split('\n'));
    const path = (id: string, rest: string) => `workflow/${workflowId}/nodes/${id}/${rest}`;
    Promise.all([
      call<{ input_data: unknown }>('GET', path(nodeId, 'input/')).then(
        (answer) => answer?.input_data,
        () => undefined,
      ),
      ...nodes.map(([id]) =>
        call<{ output_data: unknown }>('GET', path(id, 'output/')).then(
          (answer) => answer?.output_data,
          () => undefined,
        ),
      ),
    ]).then(([input, ...outputs]) => {
      if (!current) return;
      // Arrived after a field was typed into: the open field asks its completions again (field names now known).
      arrived();
      setKnown({ nodeId, input, outputs: Object.fromEntries(nodes.map(([, name], i) => [name, outputs[i]])) });
    });
    return () => {
      current = false;
    };
  }, [workflowId, nodeId, wanted, sourcesKey]);

  useEffect(() => {
    if (!wanted) return;
    let current = true;
    loadFunctions().then((list) => {
      if (!current) return;
      arrived();
      setFunctions(list);
    });
    return () => {
      current = false;
    };
  }, [wanted]);

  const fresh = known?.nodeId === nodeId ? known : null;
  const nodes = Object.fromEntries(upstream.map((node) => [node.name, fresh?.outputs[node.name] ?? node.output_data]));
  return {
    workflowId,
    nodeId,
    scope: { input: fresh?.input, nodes, functions },
    revision,
    load: () => setWanted(true),
  };
}
