import { useEffect, useState } from 'react';
import { call, describe } from '../api';

export type PreviewKind = 'template' | 'expression' | 'json';

export type Preview =
  { state: 'none' } | { state: 'result'; result: unknown; truncated: boolean } | { state: 'error'; message: string };

interface PreviewAnswer {
  success: boolean;
  result?: unknown;
  truncated?: boolean;
  error?: string;
}

const NONE: Preview = { state: 'none' };

/** A json field's text as JSON, or the message saying where it is not. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (failed) {
    return { ok: false, message: failed instanceof Error ? failed.message : String(failed) };
  }
}

/** What, if anything, the server should evaluate for this text. */
export function previewRequest(text: string, kind: PreviewKind): { template: unknown; kind: string } | null {
  if (text.trim() === '') return null;
  if (kind === 'expression') return { template: text, kind: 'expression' };
  if (!text.includes('${')) return null;
  if (kind === 'json') {
    const parsed = parseJson(text);
    return parsed.ok ? { template: parsed.value, kind: 'template' } : null;
  }
  return { template: text, kind: 'template' };
}

/**
 * The server's result of the text over the node's current input, asked for once typing pauses
 * (`delay` ms); an answer about an older text is dropped.
 */
export function usePreview(
  target: { workflowId: string; nodeId: string } | null,
  text: string,
  kind: PreviewKind,
  delay = 300,
): Preview {
  const [preview, setPreview] = useState<{ text: string; preview: Preview }>({ text: '', preview: NONE });
  const request = target ? previewRequest(text, kind) : null;
  const body = request ? JSON.stringify(request) : null;
  const path = target ? `workflow/${target.workflowId}/nodes/${target.nodeId}/preview/` : null;

  useEffect(() => {
    if (!body || !path) return;
    let current = true;
    const timer = setTimeout(() => {
      call<PreviewAnswer>('POST', path, JSON.parse(body))
        .then((answer) =>
          answer.success
            ? { state: 'result' as const, result: answer.result, truncated: answer.truncated === true }
            : { state: 'error' as const, message: answer.error ?? 'The expression failed.' },
        )
        .catch((failed) => ({ state: 'error' as const, message: describe(failed) }))
        .then((shown) => current && setPreview({ text: body, preview: shown }));
    }, delay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body, path, delay]);

  // While the next answer is on its way the last one stays: a preview that blinks at each key is hard to read.
  return body && preview.text !== '' ? preview.preview : NONE;
}
