// What the expression editor offers while typing: pure functions over the text before the cursor and
// the data an expression can read (the node's input, upstream outputs, the functions).

export interface ExpressionFunction {
  name: string;
  signature: string;
  description: string;
}

/** What an expression of this node can read, as far as the editor knows it. */
export interface ScopeData {
  input?: unknown;
  /** Upstream nodes' last outputs by node name (undefined: not run yet). */
  nodes: Record<string, unknown>;
  functions: ExpressionFunction[];
}

export interface Candidate {
  label: string;
  /** What replaces the typed word, when not the label. */
  apply?: string;
  type: 'variable' | 'property' | 'function' | 'keyword';
  detail?: string;
  info?: string;
}

export interface CompletionAt {
  /** Where the replaced word starts, as an offset into the text. */
  from: number;
  candidates: Candidate[];
}

const ROOTS: Candidate[] = [
  { label: 'input', type: 'variable', detail: "the node's input" },
  { label: 'nodes', type: 'variable', detail: "earlier nodes: nodes['Name'].output" },
  { label: 'session', type: 'variable', detail: "the session's variables" },
  { label: 'run', type: 'variable', detail: 'id, input, trigger, started_at' },
  { label: 'workflow', type: 'variable', detail: 'id' },
];

const RUN_FIELDS = { id: '', input: null, trigger: '', started_at: '' };

/**
 * The `${…}` expression the cursor is in: the offset where its text starts, or -1 outside any.
 * `wholeText` (an expression field, written without `${}`) counts the whole text as one expression.
 */
export function expressionStart(text: string, cursor: number, wholeText = false): number {
  const open = text.lastIndexOf('${', cursor - 1);
  if (open === -1 || open + 2 > cursor) return wholeText && text.indexOf('${') === -1 ? 0 : -1;
  return closingBrace(text, open + 2, cursor) === -1 ? open + 2 : -1;
}

/** The `}` closing an expression that starts at `from`, looked for before `until`; -1 when still open. */
function closingBrace(text: string, from: number, until: number): number {
  let quote: string | null = null;
  let depth = 0;
  for (let i = from; i < until; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** A reference being typed: its root (`input`, a node's output…), the path after it, and the partial last word. */
export interface TypedPath {
  root: { kind: 'input' | 'session' | 'run' | 'workflow' } | { kind: 'node'; name: string };
  path: (string | number)[];
  partial: string;
}

const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[(['"])((?:\\.|(?!\3).)*)\3\]/y;
const ROOT =
  /(?:^|[^\w$.\]])(input|session|run|workflow|nodes\[(['"])((?:\\.|(?!\2).)*)\2\]\.output|nodes\.([A-Za-z_$][\w$]*)\.output)/g;

/** Reads the reference at the end of an expression's text (`input.order.items[0].`), or null when there is none. */
export function typedPath(expression: string): TypedPath | null {
  const end = /\.([A-Za-z_$][\w$]*)?$/.exec(expression);
  if (!end) return null;
  const before = expression.slice(0, end.index);
  let found: TypedPath | null = null;
  for (const match of before.matchAll(ROOT)) {
    const rootEnd = match.index + match[0].length;
    const path = segments(before, rootEnd);
    if (!path) continue;
    const root: TypedPath['root'] =
      match[3] !== undefined || match[4] !== undefined
        ? { kind: 'node', name: unescape(match[3] ?? match[4]) }
        : { kind: match[1] as 'input' | 'session' | 'run' | 'workflow' };
    found = { root, path, partial: end[1] ?? '' };
  }
  return found;
}

/** The path segments from `from` to the end of the text, or null when something else follows the root. */
function segments(text: string, from: number): (string | number)[] | null {
  const path: (string | number)[] = [];
  SEGMENT.lastIndex = from;
  while (SEGMENT.lastIndex < text.length) {
    const at = SEGMENT.lastIndex;
    const match = SEGMENT.exec(text);
    if (!match || match.index !== at) return null;
    path.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : unescape(match[4])));
  }
  return path;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** The value at a path in JSON data, or undefined when the path leads nowhere. */
export function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A value's kind as the schema view and the completion detail name it. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `list (${value.length})`;
  return typeof value === 'object' ? 'object' : typeof value;
}

/** The fields one level below a value: an object's keys, a list's first indexes. */
export function fieldsOf(value: unknown): Candidate[] {
  if (Array.isArray(value)) return [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).map(([key, item]) => ({
    label: key,
    apply: /^[A-Za-z_$][\w$]*$/.test(key) ? key : undefined,
    type: 'property' as const,
    detail: kindOf(item),
  }));
}

/** Every path inside a value, to the given depth: `order`, `order.id`, `items[0].sku`… */
export function fieldPaths(value: unknown, depth = 3, prefix = ''): string[] {
  if (depth === 0 || value === null || typeof value !== 'object') return [];
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.length > 0
      ? [[`[0]`, value[0]]]
      : []
    : Object.entries(value).map(([key, item]) => [
        /^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix ? '.' : ''}${key}` : `['${key.replace(/'/g, "\\'")}']`,
        item,
      ]);
  return entries.flatMap(([step, item]) => {
    const path = prefix + step;
    return [path, ...fieldPaths(item, depth - 1, path)];
  });
}

function rootValue(root: TypedPath['root'], scope: ScopeData): unknown {
  switch (root.kind) {
    case 'input':
      return scope.input;
    case 'run':
      return RUN_FIELDS;
    case 'workflow':
      return { id: '' };
    case 'node':
      return scope.nodes[root.name];
    default:
      return undefined;
  }
}

/** What to offer at the cursor, or null when nothing fits (outside `${…}`, inside a string). */
export function completeAt(text: string, cursor: number, scope: ScopeData, wholeText = false): CompletionAt | null {
  const start = expressionStart(text, cursor, wholeText);
  if (start === -1) return null;
  const expression = text.slice(start, cursor);

  const nodeName = /nodes\[(['"])([^'"]*)$/.exec(expression);
  if (nodeName) {
    const quote = nodeName[1];
    return {
      from: cursor - nodeName[2].length,
      candidates: Object.keys(scope.nodes).map((name) => ({
        label: name,
        apply: `${name.replace(/[\\'"]/g, (c) => '\\' + c)}${quote}].output`,
        type: 'variable',
        detail: 'node output',
      })),
    };
  }

  const typed = typedPath(expression);
  if (typed) {
    return {
      from: cursor - typed.partial.length,
      candidates: fieldsOf(valueAt(rootValue(typed.root, scope), typed.path)),
    };
  }
  if (/\.[\w$]*$/.test(expression) || inString(expression)) return null;

  const word = /[A-Za-z_$][\w$]*$/.exec(expression)?.[0] ?? '';
  return {
    from: cursor - word.length,
    candidates: [
      ...ROOTS,
      ...Object.keys(scope.nodes).map((name) => ({
        label: `nodes['${name}'].output`,
        apply: `nodes['${name.replace(/[\\']/g, (c) => '\\' + c)}'].output`,
        type: 'variable' as const,
        detail: 'node output',
      })),
      ...scope.functions.map((fn) => ({
        label: fn.name,
        apply: `${fn.name}(`,
        type: 'function' as const,
        detail: fn.signature,
        info: fn.description,
      })),
    ],
  };
}

function inString(expression: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
  }
  return quote !== null;
}
