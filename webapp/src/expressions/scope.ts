import { createContext, useContext, useEffect, useState } from 'react';
import { call, type CanvasNode } from '../api';
import type { ExpressionFunction, ScopeData } from './completion';

/** Where the panel's expression fields preview, and what their autocomplete knows. */
export interface ExpressionContext {
  workflowId: string;
  nodeId: string;
  scope: ScopeData;
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

/**
 * What a node's expressions can read as far as the editor knows: its input now (as the server
 * computes it), the last outputs of the nodes upstream, the functions. An answer for another node
 * than the one shown is dropped. Once asked for, the input is asked again for each node shown.
 */
export function useExpressionScope(workflowId: string, nodeId: string, upstream: CanvasNode[]): ExpressionContext {
  const [input, setInput] = useState<{ nodeId: string; value: unknown } | null>(null);
  const [functions, setFunctions] = useState<ExpressionFunction[]>([]);
  // Nothing is asked for until an expression field is used: most panels are opened to read or rename.
  const [wanted, setWanted] = useState(false);

  useEffect(() => {
    if (!wanted) return;
    let current = true;
    call<{ input_data: unknown }>('GET', `workflow/${workflowId}/nodes/${nodeId}/input/`)
      .then((answer) => current && setInput({ nodeId, value: answer?.input_data }))
      .catch(() => current && setInput({ nodeId, value: undefined }));
    return () => {
      current = false;
    };
  }, [workflowId, nodeId, wanted]);

  useEffect(() => {
    if (!wanted) return;
    let current = true;
    loadFunctions().then((list) => current && setFunctions(list));
    return () => {
      current = false;
    };
  }, [wanted]);

  const nodes = Object.fromEntries(upstream.map((node) => [node.name, node.output_data]));
  return {
    workflowId,
    nodeId,
    scope: { input: input?.nodeId === nodeId ? input.value : undefined, nodes, functions },
    load: () => setWanted(true),
  };
}
