package io.orchestrator.realtime;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Browsers cannot set an Authorization header on a WebSocket, so they may offer the token as a
 * {@code bearer.<token>} subprotocol (BearerTokenMechanism reads it). A browser that offered
 * subprotocols drops a connection whose handshake selects none, so the server selects that one.
 */
public class BearerSubprotocol extends ServerEndpointConfig.Configurator {

    static final String PREFIX = "bearer.";

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        if (requested != null) {
            for (String protocol : requested) {
                if (protocol.startsWith(PREFIX)) {
                    return protocol;
                }
            }
        }
        return super.getNegotiatedSubprotocol(supported, requested);
    }
}
