// A workflow's WebSocket, which streams its runs' events, kept open: the canvas and the Monitor follow runs on it.
import { call, isApiError, token } from './api';

/**
 * When to try again after a drop: exponential backoff with full jitter (a random wait between 0 and
 * BASE·2^attempt, at most CAP). A server restart drops every browser's socket at once; without the
 * randomness they would all come back in the same instant, and again at each retry.
 */
export const RECONNECT = { baseMs: 500, capMs: 30_000 };
/** A connection that stayed up this long was a working one: the next drop starts the backoff anew. */
export const STABLE_MS = 10_000;

/** The wait before reconnect attempt `attempt` (0 for the first after a drop); `random` answers in [0, 1). */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT.capMs, RECONNECT.baseMs * 2 ** Math.min(attempt, 30));
  return random() * ceiling;
}

/** What the tests replace: the random source of the jitter and the clock that tells a stable connection. */
export interface SocketClock {
  random?: () => number;
  now?: () => number;
}

/** The close code the server ends a socket with once its token is revoked or expired: reconnecting cannot help. */
export const TOKEN_ENDED = 1008;

export interface SocketHandlers {
  onOpen: () => void;
  /** A message's text, as the server sent it. */
  onMessage: (data: string) => void;
  /** The connection dropped; it is opened again after `reconnectDelay` (each connect starts with a state_sync). */
  onDrop: () => void;
  /** The server closed it because the token ended (revoked or expired); it is not opened again. */
  onTokenEnded?: () => void;
}

/**
 * Opens the workflow's socket, and again after each drop, until the answered `close` is called or the token
 * ends. The token goes as a `bearer.` subprotocol: a browser cannot set the Authorization header on a
 * WebSocket, and a query parameter would end up in logs. The plain `bearer` is offered beside it for the
 * server to select, so that the token is not sent back in the handshake's answer.
 */
export function followWorkflow(
  workflowId: string,
  handlers: SocketHandlers,
  { random = Math.random, now = Date.now }: SocketClock = {},
): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  // Failed attempts since the last connection that stayed up.
  let attempts = 0;
  const again = () => {
    retry = setTimeout(connect, reconnectDelay(attempts, random));
    attempts += 1;
  };
  const connect = () => {
    const base = location.pathname.replace(/[^/]*$/, '');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base}ws/workflow/${workflowId}/`;
    let openedAt: number | null = null;
    socket = new WebSocket(url, ['bearer', `bearer.${token.get() ?? ''}`]);
    socket.onopen = () => {
      openedAt = now();
      handlers.onOpen();
    };
    socket.onmessage = (message) => handlers.onMessage(message.data);
    socket.onclose = (event) => {
      if (closed) return;
      handlers.onDrop();
      if (event.code === TOKEN_ENDED) {
        handlers.onTokenEnded?.();
        return;
      }
      if (openedAt !== null) {
        if (now() - openedAt >= STABLE_MS) attempts = 0;
        again();
        return;
      }
      // A refused handshake tells the browser nothing of why. The server bars an address that sends wrong
      // tokens too often, so a dead token is not retried: one API call says whether it still works.
      void tokenStillWorks().then((works) => {
        if (closed) return;
        if (works) again();
        else handlers.onTokenEnded?.();
      });
    };
  };
  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    socket?.close();
  };
}

/** False only when the server refuses the token (401); a server that cannot be reached may still take it. */
async function tokenStillWorks(): Promise<boolean> {
  try {
    await call('GET', 'workflow/?limit=1');
    return true;
  } catch (failure) {
    return !(isApiError(failure) && failure.status === 401);
  }
}
