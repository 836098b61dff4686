// A stand-in for the server in component tests: `fetch` answers from a table of routes and records every request.
import { vi } from 'vitest';

export interface FetchCall {
  method: string;
  /** The path after `api/`, query included: what the view passed to `call`. */
  path: string;
  /** The parsed JSON body, the text of any other body, or undefined when there was none. */
  body: unknown;
  authorization: string | null;
}

/** Answers one request; a fresh Response each time (a body can be read only once). */
export type Route = (request: FetchCall) => Response | Promise<Response>;

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** An error as the API sends it: {error, code, details}. */
export const apiError = (
  status: number,
  code: string,
  error: string,
  details: Record<string, unknown> = {},
): Response => json({ error, code, details }, status);

export const noContent = (): Response => new Response(null, { status: 204 });

/**
 * Stubs the global `fetch`. Routes are keyed "METHOD path" (path as after `api/`, query included) and must match
 * exactly; a request no route knows gets a 404 in the API's shape, so a wrong URL shows up as a failed assertion.
 */
// Kept aside, so that the recorded requests compare as before: few tests ask what a body's type was.
const contentTypes = new WeakMap<FetchCall, string | null>();

/** The Content-Type a recorded request was sent with. */
export const contentTypeOf = (request: FetchCall): string | null => contentTypes.get(request) ?? null;

export function mockFetch(routes: Record<string, Route>) {
  const calls: FetchCall[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const headers = new Headers(init.headers);
    const request: FetchCall = {
      method: init.method ?? 'GET',
      path: url.startsWith('api/') ? url.slice('api/'.length) : url,
      body: typeof init.body === 'string' ? parsedOrText(init.body) : undefined,
      authorization: headers.get('Authorization'),
    };
    contentTypes.set(request, headers.get('Content-Type'));
    calls.push(request);
    const route = routes[`${request.method} ${request.path}`];
    return route ? route(request) : apiError(404, 'NOT_FOUND', `No mocked route for ${request.method} ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  return {
    calls,
    /** The requests with this method (and path, if given), in order. */
    callsTo: (method: string, path?: string) =>
      calls.filter((c) => c.method === method && (path === undefined || c.path === path)),
  };
}

function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
