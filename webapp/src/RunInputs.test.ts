import { describe, expect, it } from 'vitest';
import { typed } from './RunInputs';

describe('run inputs', () => {
  it('are sent with their declared types', () => {
    expect(typed({ name: 'n', type: 'number' }, '42')).toBe(42);
    expect(typed({ name: 'n', type: 'number' }, 'forty')).toBe('forty');
    expect(typed({ name: 'b', type: 'boolean' }, 'true')).toBe(true);
    expect(typed({ name: 'j', type: 'json' }, '{"a": [1]}')).toEqual({ a: [1] });
    expect(typed({ name: 't', type: 'text' }, '42')).toBe('42');
  });
});
