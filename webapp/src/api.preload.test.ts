import { afterEach, describe, expect, it } from 'vitest';
import { call, token } from './api';
import { json, mockFetch } from './test/fetchMock';

const CANVAS = 'workflow/w1/canvas_data/';

function preload(tokenUsed: string, until = Date.now() + 10_000) {
  window.orchestratorPreload = {
    token: tokenUsed,
    until,
    responses: { [CANVAS]: Promise.resolve(json({ from: 'preload' })) },
  };
}

describe('answers that public/preload.js started', () => {
  afterEach(() => {
    delete window.orchestratorPreload;
    token.clear();
  });

  it('answer the first GET of their path, and only that one', async () => {
    token.set('wfo_a');
    preload('wfo_a');
    const server = mockFetch({ [`GET ${CANVAS}`]: () => json({ from: 'server' }) });
    expect(await call('GET', CANVAS)).toEqual({ from: 'preload' });
    expect(server.calls).toHaveLength(0);
    expect(await call('GET', CANVAS)).toEqual({ from: 'server' });
    expect(server.calls).toHaveLength(1);
  });

  it('are not used for another token, once stale, or for another method', async () => {
    const server = mockFetch({
      [`GET ${CANVAS}`]: () => json({ from: 'server' }),
      [`PUT ${CANVAS}`]: () => json({ from: 'server' }),
    });
    token.set('wfo_b');
    preload('wfo_a');
    expect(await call('GET', CANVAS)).toEqual({ from: 'server' });
    preload('wfo_b', Date.now() - 1);
    expect(await call('GET', CANVAS)).toEqual({ from: 'server' });
    preload('wfo_b');
    expect(await call('PUT', CANVAS, {})).toEqual({ from: 'server' });
    expect(server.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'PUT']);
  });
});
