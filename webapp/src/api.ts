// The REST API as the canvas uses it. The token lives in sessionStorage: it is gone when the tab closes.

export interface ApiError {
  status: number;
  error: string;
  code: string;
  details: Record<string, unknown>;
}

export interface Position {
  x: number;
  y: number;
}

export interface CanvasNode {
  id: string;
  node_type: string;
  name: string;
  position: Position;
  form_values: Record<string, unknown>;
  routes: string[];
  disabled?: boolean;
  retry?: { max_attempts: number; delay_ms: number; backoff_multiplier: number };
  timeout_ms?: number | null;
  input_data?: unknown;
  output_data?: unknown;
  /** The output pinned on the node (null when not pinned) and the route it takes with it. */
  pinned_output?: unknown;
  pinned_route?: string | null;
}

export interface CanvasEdge {
  id: string;
  source: string;
  source_handle: string;
  target: string;
}

/** A sticky note: Markdown text in a box of its own; not part of the graph. */
export interface CanvasNote {
  id: string;
  text: string;
  position: Position;
  width: number;
  height: number;
  color: string;
}

export interface Canvas {
  id: string;
  name: string;
  version: number;
  active: boolean;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** Absent from servers before notes. */
  notes?: CanvasNote[];
}

export interface Workflow {
  id: string;
  name: string;
  active: boolean;
  version: number;
  updated_at: string;
}

export interface FormField {
  name: string;
  type: string;
  label: string;
  required: boolean;
  default?: unknown;
  options?: string[];
  help?: string;
}

export interface NodeTypeInfo {
  key: string;
  name: string;
  category: string;
  description: string;
  trigger: boolean;
  routes: string[];
  form: FormField[];
}

const TOKEN_KEY = 'orchestrator.token';

export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Calls the API with the stored token; a non-2xx answer is thrown as the server's {error, code, details}. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const text = await send(
    method,
    path,
    body === undefined ? undefined : { content: JSON.stringify(body), contentType: 'application/json' },
  );
  return (text ? parseOrNull(text) : null) as T;
}

/**
 * Calls the API with a body sent as it is (a YAML document, say) and answers the response's text: what
 * `call` does for JSON, for the endpoints that take or give other formats.
 */
export async function send(
  method: string,
  path: string,
  body?: { content: string; contentType: string },
): Promise<string> {
  const headers = authorization();
  if (body) headers['Content-Type'] = body.contentType;
  const response = await ((method === 'GET' && preloaded(path)) ||
    fetch(`api/${path}`, { method, headers, body: body?.content }));
  const text = await response.text();
  if (!response.ok) throw failureOf(response, text);
  return text;
}

declare global {
  interface Window {
    orchestratorPreload?: { token: string; until: number; responses: Record<string, Promise<Response> | undefined> };
  }
}

/**
 * The answer to a GET that public/preload.js started as the page loaded, for the first call of that path
 * only (a later call asks the server again), while fresh and for the token still signed in.
 */
export function preloaded(path: string): Promise<Response> | undefined {
  const preload = window.orchestratorPreload;
  const response = preload?.responses[path];
  if (!preload || !response) return undefined;
  preload.responses[path] = undefined;
  return preload.token === token.get() && Date.now() < preload.until ? response : undefined;
}

/** The stored token as the header every call sends: for the calls that cannot go through `call` (files). */
export function authorization(): Record<string, string> {
  return { Authorization: `Bearer ${token.get() ?? ''}` };
}

/** A failed answer as the error `call` throws: the server's {error, code, details}, or what its status says. */
export function failureOf(response: Response, text: string): ApiError {
  // A proxy's error page is HTML, not the API's JSON: its status still tells what happened.
  const answer = ((text ? parseOrNull(text) : null) ?? {}) as Partial<ApiError>;
  return {
    status: response.status,
    error: answer.error ?? (response.statusText || `HTTP ${response.status}`),
    code: answer.code ?? 'HTTP_ERROR',
    details: answer.details ?? {},
  };
}

/** A list answered either as a plain array or as a page `{<key>: [...], total_count, has_more}`. */
export function itemsOf<T>(answer: T[] | Record<string, unknown>, key: string): T[] {
  if (Array.isArray(answer)) return answer;
  const items = answer[key];
  return Array.isArray(items) ? (items as T[]) : [];
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'code' in value && 'error' in value;
}

/** A readable line for an API error, with the field messages of a 422. */
export function describe(error: unknown): string {
  if (!isApiError(error)) return String(error);
  const fields = flatten(error.details);
  return fields.length ? `${error.error}: ${fields.join('; ')}` : error.error;
}

function flatten(details: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(details).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? flatten(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}: ${String(value)}`],
  );
}

/** A field's messages as the server sends them (a list, as a rule) in one line. */
export function messageOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((each) => typeof each === 'string')) return value.join(' ');
  return JSON.stringify(value);
}

/** The messages of a 422 by field name, from the error's details (none for any other failure). */
export function fieldMessages(failed: unknown): Record<string, string> {
  if (!isApiError(failed)) return {};
  return Object.fromEntries(Object.entries(failed.details).map(([key, value]) => [key, messageOf(value)]));
}
