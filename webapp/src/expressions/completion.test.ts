import { describe, expect, it } from 'vitest';
import { completeAt, expressionStart, fieldPaths, typedPath, valueAt, type ScopeData } from './completion';

const scope: ScopeData = {
  input: { order: { id: 7, items: [{ sku: 'a-1' }] }, 'odd key': true },
  nodes: { Fetch: { status: 200, body: { ok: true } }, "Bob's": { x: 1 } },
  functions: [{ name: 'upper', signature: 'upper(s)', description: 'The text in upper case.' }],
};

const labels = (text: string, wholeText = false) =>
  completeAt(text, text.length, scope, wholeText)?.candidates.map((c) => c.label);

describe('expressionStart', () => {
  it('finds the open ${ the cursor is in, and nothing after its closing brace', () => {
    expect(expressionStart('Hi ${input.', 11)).toBe(5);
    expect(expressionStart('Hi ${input.x} and', 17)).toBe(-1);
    expect(expressionStart("${json({'a': '}'})", 18)).toBe(2);
    expect(expressionStart('plain', 5)).toBe(-1);
    expect(expressionStart('input.x > ', 10, true)).toBe(0);
  });
});

describe('typedPath', () => {
  it('reads the root, the path and the partial word of the reference being typed', () => {
    expect(typedPath('input.order.items[0].s')).toEqual({
      root: { kind: 'input' },
      path: ['order', 'items', 0],
      partial: 's',
    });
    expect(typedPath("nodes['Fetch'].output.body.")).toEqual({
      root: { kind: 'node', name: 'Fetch' },
      path: ['body'],
      partial: '',
    });
    expect(typedPath('nodes.Fetch.output.')).toEqual({ root: { kind: 'node', name: 'Fetch' }, path: [], partial: '' });
    expect(typedPath("upper(input['odd key'].")).toEqual({ root: { kind: 'input' }, path: ['odd key'], partial: '' });
    expect(typedPath('myinput.')).toBeNull();
    expect(typedPath('input')).toBeNull();
  });
});

describe('fieldPaths and valueAt', () => {
  it('lists every path in the data and reads a value back by its path', () => {
    expect(fieldPaths(scope.input)).toEqual(['order', 'order.id', 'order.items', 'order.items[0]', "['odd key']"]);
    expect(fieldPaths([{ a: 1 }], 2)).toEqual(['[0]', '[0].a']);
    expect(valueAt(scope.input, ['order', 'items', 0, 'sku'])).toBe('a-1');
    expect(valueAt(scope.input, ['order', 'nothing', 'deeper'])).toBeUndefined();
  });
});

describe('completeAt', () => {
  it("offers the input's real field names after input.", () => {
    expect(labels('${input.')).toEqual(['order', 'odd key']);
    expect(labels('${input.order.')).toEqual(['id', 'items']);
    const at = completeAt('${input.order.it', 16, scope)!;
    expect(at.from).toBe(14);
    expect(at.candidates.find((c) => c.label === 'items')?.detail).toBe('list (1)');
  });

  it("offers an upstream node's output fields, and node names inside nodes['", () => {
    expect(labels("${nodes['Fetch'].output.")).toEqual(['status', 'body']);
    expect(labels("${nodes['")).toEqual(['Fetch', "Bob's"]);
    expect(completeAt("${nodes['", 9, scope)!.candidates[1].apply).toBe("Bob\\'s'].output");
    expect(labels('${run.')).toEqual(['id', 'input', 'trigger', 'started_at']);
  });

  it('offers the roots, the upstream outputs and the functions at the start of a word', () => {
    const all = labels('Total: ${up')!;
    expect(all).toEqual(expect.arrayContaining(['input', 'session', 'run', "nodes['Fetch'].output", 'upper']));
    const upper = completeAt('${up', 4, scope)!;
    expect(upper.from).toBe(2);
    expect(upper.candidates.find((c) => c.label === 'upper')?.apply).toBe('upper(');
  });

  it('offers nothing outside an expression or inside a string', () => {
    expect(labels('plain text')).toBeUndefined();
    expect(labels('${input.x} then ')).toBeUndefined();
    expect(labels("${upper('inp")).toBeUndefined();
    expect(labels('input.order.', true)).toEqual(['id', 'items']);
  });
});
