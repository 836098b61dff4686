// Pure helpers of the inspector's data views: the expression a field of the data stands for, the
// schema (field names and types) of a value, and a value laid out as a table, each capped so that
// large data never builds a huge DOM.

export type PathSegment = string | number;

/** Where the data shown comes from: the node's input (with its direct sources' names) or a node's output. */
export type DataSource = { kind: 'input'; sources: string[] } | { kind: 'output'; nodeName: string };

const EL_RESERVED = new Set([
  'and',
  'or',
  'not',
  'eq',
  'ne',
  'lt',
  'gt',
  'le',
  'ge',
  'true',
  'false',
  'null',
  'instanceof',
  'empty',
  'div',
  'mod',
]);

/** One step of a path in EL: `.name` when it is a plain identifier, `[0]` for an index, `['any key']` otherwise. */
export function segmentText(segment: PathSegment): string {
  if (typeof segment === 'number') return `[${segment}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment) && !EL_RESERVED.has(segment)) return `.${segment}`;
  return `['${quoted(segment)}']`;
}

function quoted(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

function nodeOutput(name: string): string {
  return `nodes['${quoted(name)}'].output`;
}

/**
 * The expression that reads a field: `${input.a.b}` for the node's input; when the input is keyed by
 * source name (several sources, or a merge), a field under a source's key reads that node's output,
 * `${nodes['Name'].output.x}`, which stays right if the node gets another source later.
 */
export function expressionFor(path: PathSegment[], source: DataSource, value?: unknown): string {
  if (source.kind === 'output') return `\${${nodeOutput(source.nodeName)}${path.map(segmentText).join('')}}`;
  const [first, ...rest] = path;
  if (typeof first === 'string' && isKeyedBySource(value, source.sources))
    return `\${${nodeOutput(first)}${rest.map(segmentText).join('')}}`;
  return `\${input${path.map(segmentText).join('')}}`;
}

/** An input keyed by source name: an object whose keys are all names of the node's direct sources. */
export function isKeyedBySource(value: unknown, sources: string[]): boolean {
  if (!isObject(value) || sources.length === 0) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => sources.includes(key));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export function typeOf(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

export interface SchemaEntry {
  key: string;
  path: PathSegment[];
  type: JsonType;
  /** The fields of an object, or of an array's first item. */
  children: SchemaEntry[];
  /** Fields left out at this level (past the cap), or nested deeper than the depth shown. */
  more: number;
}

export interface SchemaLimits {
  maxDepth: number;
  maxFields: number;
}

export const SCHEMA_LIMITS: SchemaLimits = { maxDepth: 6, maxFields: 50 };

/**
 * The fields of a value with their types, as n8n's schema view shows them: an object's keys, and for
 * an array the fields of its first item (path through index 0). Each level shows at most
 * {@code maxFields} fields and the tree stops at {@code maxDepth}; {@code more} counts what is left out.
 */
export function inferSchema(
  value: unknown,
  limits: SchemaLimits = SCHEMA_LIMITS,
): { entries: SchemaEntry[]; more: number } {
  return fieldsOf(value, [], 1, limits);
}

function fieldsOf(
  value: unknown,
  path: PathSegment[],
  depth: number,
  limits: SchemaLimits,
): { entries: SchemaEntry[]; more: number } {
  if (Array.isArray(value))
    return value.length === 0 ? { entries: [], more: 0 } : fieldsOf(value[0], [...path, 0], depth, limits);
  if (!isObject(value)) return { entries: [], more: 0 };
  const keys = Object.keys(value);
  const entries = keys.slice(0, limits.maxFields).map((key) => {
    const child = value[key];
    const childPath = [...path, key];
    const nested = typeOf(child) === 'object' || typeOf(child) === 'array';
    const below =
      nested && depth < limits.maxDepth
        ? fieldsOf(child, childPath, depth + 1, limits)
        : { entries: [], more: nested ? nestedCount(child) : 0 };
    return { key, path: childPath, type: typeOf(child), children: below.entries, more: below.more };
  });
  return { entries, more: Math.max(0, keys.length - limits.maxFields) };
}

function nestedCount(value: unknown): number {
  const first = Array.isArray(value) ? value[0] : value;
  return isObject(first) ? Object.keys(first).length : 0;
}

export interface Table {
  columns: string[];
  rows: { index: number | null; cells: Record<string, unknown> }[];
  /** Rows and columns left out. */
  moreRows: number;
  moreColumns: number;
}

export const TABLE_LIMITS = { maxRows: 50, maxColumns: 20 };

/**
 * A value as a table: an array's items as rows (objects by key, anything else in a `value` column),
 * an object as one row. A row's index is its array index, null for a lone object.
 */
export function tableOf(value: unknown, limits = TABLE_LIMITS): Table {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const shown = items.slice(0, limits.maxRows);
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const item of shown) {
    for (const key of isObject(item) ? Object.keys(item) : ['value']) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const kept = columns.slice(0, limits.maxColumns);
  return {
    columns: kept,
    rows: shown.map((item, i) => ({
      index: Array.isArray(value) ? i : null,
      cells: isObject(item) ? item : { value: item },
    })),
    moreRows: items.length - shown.length,
    moreColumns: columns.length - kept.length,
  };
}

/** The path of a table cell in the whole value: its row's index (for an array), then its column unless the row is no object. */
export function cellPath(whole: unknown, index: number | null, column: string): PathSegment[] {
  const row = index === null ? whole : (whole as unknown[])[index];
  const head: PathSegment[] = index === null ? [] : [index];
  return isObject(row) ? [...head, column] : head;
}

/** The path a column header stands for: the column in the first row. */
export function headerPath(whole: unknown, column: string): PathSegment[] {
  return cellPath(whole, Array.isArray(whole) ? 0 : null, column);
}

/** A cell's value as short text: objects and arrays as cut JSON. */
export function cellText(value: unknown, maxChars = 120): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
