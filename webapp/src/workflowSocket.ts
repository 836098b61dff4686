// A workflow's WebSocket, which streams its runs' events, kept open: the canvas and the Monitor follow runs on it.
import { token } from './api';

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
    socket = new WebSocket(url, ['bearer', `bearer.${token.get() ?? ''}`]);
    socket.onopen = handlers.onOpen;
    socket.onmessage = (message) => handlers.onMessage(message.data);
    socket.onclose = (event) => {
      if (closed) return;
      handlers.onDrop();
      if (event.code === TOKEN_ENDED) {
        handlers.onTokenEnded?.();
        return;
      }
      retry = setTimeout(connect, RECONNECT_MS);
    };
  };
  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    socket?.close();
  };
}
