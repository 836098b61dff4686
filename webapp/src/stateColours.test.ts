import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeState } from './graph';
import { STATE_BORDER, STATE_FILL } from './stateColours';

// jsdom's import.meta.url is not a file address: the test runs from webapp/.
const css = readFileSync(join(process.cwd(), 'src', 'styles.css'), 'utf8');
const variables = Object.fromEntries(
  [...css.matchAll(/(--[\w-]+):\s*(#[0-9a-f]+)/gi)].map(([, name, value]) => [name, value]),
);

/** A property of a rule of styles.css (the last one that sets it), its var(--…) resolved from :root. */
function declared(selector: string, property: string): string | undefined {
  const escaped = selector.replace(/\./g, '\\.');
  const values = [...css.matchAll(new RegExp(`(?:^|\\n)${escaped} \\{([^}]*)\\}`, 'g'))]
    .map(([, body]) => body.match(new RegExp(`\\b${property}:\\s*([^;]+);`))?.[1].trim())
    .filter((value) => value !== undefined);
  const value = values.at(-1);
  const variable = value?.match(/^var\((--[\w-]+)\)$/)?.[1];
  return variable ? variables[variable] : value;
}

describe('state colours', () => {
  it('are the node elements’ colours of styles.css', () => {
    for (const state of ['running', 'waiting', 'completed', 'failed'] satisfies NodeState[]) {
      expect(STATE_BORDER[state], `${state} border`).toBe(declared(`.wf-node.state-${state}`, 'border-color'));
      expect(STATE_FILL[state], `${state} fill`).toBe(declared(`.wf-node.state-${state}`, 'background'));
    }
    expect(declared('.wf-node', 'border')).toBe(`2px solid ${STATE_BORDER.idle}`);
    expect(declared('.wf-node', 'background')).toBe('#fff');
    expect(STATE_FILL.idle).toBe('#ffffff');
  });
});
