import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './test/fakeSocket';
import { apiError, json, mockFetch } from './test/fetchMock';
import { followWorkflow, reconnectDelay, STABLE_MS, TOKEN_ENDED } from './workflowSocket';

describe('the reconnect delay', () => {
  it('doubles from 500 ms up to 30 s, the top of the range a random wait is drawn from', () => {
    const top = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20, 1000].map((attempt) => Math.round(reconnectDelay(attempt, top)))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('is drawn at random from the whole range (full jitter), so that clients dropped together spread out', () => {
    expect(reconnectDelay(3, () => 0)).toBe(0);
    expect(reconnectDelay(3, () => 0.5)).toBe(2_000);
    expect(reconnectDelay(3, () => 0.25)).toBe(1_000);
  });
});

describe('the workflow socket', () => {
  let clock = 0;
  const handlers = () => ({ onOpen: vi.fn(), onMessage: vi.fn(), onDrop: vi.fn(), onTokenEnded: vi.fn() });
  // The middle of each range: half the schedule's ceiling, which the test can count on.
  const follow = (on = handlers()) => ({
    on,
    stop: followWorkflow('wf1', on, { random: () => 0.5, now: () => clock }),
  });
  const latest = () => FakeSocket.opened.at(-1)!;
  const waitMs = (ms: number) => vi.advanceTimersByTime(ms);

  beforeEach(() => {
    clock = 0;
    FakeSocket.opened = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('tries again after each drop, waiting longer each time while no connection stays up', () => {
    const { on } = follow();
    latest().open();
    latest().drop();
    expect(on.onDrop).toHaveBeenCalledTimes(1);

    const opensAfter = (ms: number) => {
      const before = FakeSocket.opened.length;
      waitMs(ms - 2);
      expect(FakeSocket.opened).toHaveLength(before);
      waitMs(2);
      expect(FakeSocket.opened).toHaveLength(before + 1);
    };
    opensAfter(250);
    latest().open();
    latest().drop();
    opensAfter(500);
    latest().open();
    latest().drop();
    opensAfter(1_000);
  });

  it('starts the backoff anew once a connection stayed up', () => {
    follow();
    for (let i = 0; i < 4; i++) {
      latest().open();
      latest().drop();
      waitMs(30_000);
    }
    expect(FakeSocket.opened).toHaveLength(5);
    latest().open();
    clock += STABLE_MS;
    latest().drop();

    waitMs(250);
    expect(FakeSocket.opened).toHaveLength(6);
  });

  it('never reconnects once the server closed the socket because the token ended', () => {
    const { on } = follow();
    latest().open();
    latest().drop(TOKEN_ENDED);
    waitMs(60_000);
    expect(FakeSocket.opened).toHaveLength(1);
    expect(on.onTokenEnded).toHaveBeenCalledTimes(1);
  });

  it('after a refused handshake, reconnects with backoff only while the API still takes the token', async () => {
    let answer = () => json([]);
    mockFetch({ 'GET workflow/?limit=1': () => answer() });
    const { on } = follow();
    latest().drop();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(2));

    answer = () => apiError(401, 'UNAUTHORIZED', 'Token revoked');
    latest().drop();
    await vi.waitFor(() => expect(on.onTokenEnded).toHaveBeenCalledTimes(1));
    waitMs(60_000);
    expect(FakeSocket.opened).toHaveLength(2);
  });

  it('stops for good when closed: no socket is opened after a pending retry', () => {
    const { stop } = follow();
    latest().open();
    latest().drop();
    stop();
    waitMs(60_000);
    expect(FakeSocket.opened).toHaveLength(1);
  });
});
