// A workflow's WebSocket, which streams its runs' events, kept open: the canvas and the Monitor follow runs on it.
import { call, isApiError, token } from './api';

const RECONNECT_MS = 2_000;

/** The close code the server ends a socket with once its token is revoked or expired: reconnecting cannot help. */
export const TOKEN_ENDED = 1008;

export interface SocketHandlers {
  onOpen: () => void;
  /** A message's text, as the server sent it. */
  onMessage: (data: string) => void;
  /** The connection dropped; it is opened again RECONNECT_MS later (each connect starts with a state_sync). */
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
export function followWorkflow(workflowId: string, handlers: SocketHandlers): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    const base = location.pathname.replace(/[^/]*$/, '');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base}ws/workflow/${workflowId}/`;
    let opened = false;
    socket = new WebSocket(url, ['bearer', `bearer.${token.get() ?? ''}`]);
    socket.onopen = () => {
      opened = true;
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
      if (opened) {
        retry = setTimeout(connect, RECONNECT_MS);
        return;
      }
      // A refused handshake tells the browser nothing of why. The server bars an address that sends wrong
      // tokens too often, so a dead token is not retried every 2 s: one API call says whether it still works.
      void tokenStillWorks().then((works) => {
        if (closed) return;
        if (works) retry = setTimeout(connect, RECONNECT_MS);
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
