import { describe, expect, it } from 'vitest';
import { createQueryClient } from './client';

const retry = createQueryClient().getDefaultOptions().queries!.retry as (failures: number, failed: unknown) => boolean;
const refusal = { status: 503, error: 'The database is down', code: 'UNAVAILABLE', details: {} };

describe('the query client', () => {
  it('asks a network failure once more, and no more', () => {
    expect(retry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(retry(1, new TypeError('Failed to fetch'))).toBe(false);
  });

  it('never asks again what the API refused: the same request gets the same answer', () => {
    expect(retry(0, refusal)).toBe(false);
    expect(retry(0, { ...refusal, status: 401, code: 'UNAUTHORIZED' })).toBe(false);
  });
});
