import { describe, expect, it } from 'vitest';
import { cellPath, cellText, expressionFor, headerPath, inferSchema, segmentText, tableOf } from './dataPaths';

const input = (sources: string[] = []) => ({ kind: 'input' as const, sources });

describe('the expression a dragged field writes', () => {
  it('reads the node input by plain names, indexes, and quoted keys where a name would not parse', () => {
    expect(expressionFor(['customer', 'name'], input())).toBe('${input.customer.name}');
    expect(expressionFor(['items', 0, 'sku'], input())).toBe('${input.items[0].sku}');
    expect(expressionFor(['first name', "it's"], input())).toBe("${input['first name']['it\\'s']}");
    expect(expressionFor(['empty', 'and'], input())).toBe("${input['empty']['and']}");
    expect(expressionFor([], input())).toBe('${input}');
    expect(segmentText('_ok$1')).toBe('._ok$1');
    expect(segmentText('1st')).toBe("['1st']");
  });

  it("reads an upstream node's output when the input is keyed by source name", () => {
    const keyed = { 'Fetch user': { id: 3 }, Orders: [{ total: 9 }] };
    const sources = input(['Fetch user', 'Orders']);
    expect(expressionFor(['Fetch user', 'id'], sources, keyed)).toBe("${nodes['Fetch user'].output.id}");
    expect(expressionFor(['Orders', 0, 'total'], sources, keyed)).toBe("${nodes['Orders'].output[0].total}");
    // One source whose output merely has other keys: the input is that output, read as input.
    expect(expressionFor(['id'], input(['Fetch user']), { id: 3 })).toBe('${input.id}');
  });

  it("reads a node's own output under its name", () => {
    expect(expressionFor(['a', 'b'], { kind: 'output', nodeName: "Bob's" })).toBe("${nodes['Bob\\'s'].output.a.b}");
  });
});

describe('the schema of a value', () => {
  it('lists field names and types, nested, an array by its first item', () => {
    const { entries, more } = inferSchema({
      id: 1,
      tags: ['a'],
      user: { name: 'Ada', ok: true },
      items: [{ sku: 'x' }],
      n: null,
    });
    expect(more).toBe(0);
    expect(entries.map((entry) => [entry.key, entry.type])).toEqual([
      ['id', 'number'],
      ['tags', 'array'],
      ['user', 'object'],
      ['items', 'array'],
      ['n', 'null'],
    ]);
    expect(entries[2].children.map((child) => [child.path, child.type])).toEqual([
      [['user', 'name'], 'string'],
      [['user', 'ok'], 'boolean'],
    ]);
    expect(entries[3].children[0].path).toEqual(['items', 0, 'sku']);
    expect(inferSchema([{ a: 1 }, { b: 2 }]).entries.map((entry) => entry.path)).toEqual([[0, 'a']]);
    expect(inferSchema('text').entries).toEqual([]);
  });

  it('caps the fields per level and the depth, and counts what it leaves out', () => {
    const wide = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}`, i]));
    const shown = inferSchema(wide, { maxDepth: 6, maxFields: 50 });
    expect(shown.entries).toHaveLength(50);
    expect(shown.more).toBe(20);

    let deep: unknown = { leaf: 1, other: 2 };
    for (let i = 0; i < 10; i++) deep = { down: deep };
    let level = inferSchema(deep, { maxDepth: 3, maxFields: 50 }).entries;
    let depth = 1;
    while (level[0].children.length > 0) {
      level = level[0].children;
      depth++;
    }
    expect(depth).toBe(3);
    expect(level[0].more).toBe(1); // the one field of the object below, not shown
  });
});

describe('a value as a table', () => {
  it('has an array of objects as rows with the union of their keys as columns', () => {
    const value = [
      { a: 1, b: { c: 2 } },
      { a: 3, d: 'x' },
    ];
    const table = tableOf(value);
    expect(table.columns).toEqual(['a', 'b', 'd']);
    expect(table.rows.map((row) => row.index)).toEqual([0, 1]);
    expect(cellText(table.rows[0].cells.b)).toBe('{"c":2}');
    expect(cellPath(value, 1, 'd')).toEqual([1, 'd']);
    expect(headerPath(value, 'a')).toEqual([0, 'a']);
  });

  it('has an object as one row, and primitives in a value column', () => {
    expect(tableOf({ x: 1 })).toMatchObject({ columns: ['x'], rows: [{ index: null, cells: { x: 1 } }] });
    expect(headerPath({ x: 1 }, 'x')).toEqual(['x']);
    const list = [5, 6];
    expect(tableOf(list).columns).toEqual(['value']);
    expect(cellPath(list, 1, 'value')).toEqual([1]);
  });

  it('shows at most the row and column caps and says how many more there are', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      Object.fromEntries(Array.from({ length: 30 }, (_, j) => [`c${j}`, i * j])),
    );
    const table = tableOf(rows, { maxRows: 50, maxColumns: 20 });
    expect(table.rows).toHaveLength(50);
    expect(table.columns).toHaveLength(20);
    expect(table.moreRows).toBe(9_950);
    expect(table.moreColumns).toBe(10);
    expect(cellText('x'.repeat(500))).toHaveLength(121);
  });
});
