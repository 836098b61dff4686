package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.RawHttp;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The run-event WebSocket: who may connect, state_sync, ping and request_state, bad messages. */
class WebSocketApiIT {

    private final Api admin = SharedServer.admin();
    private final TestWorkflow workflow = TestWorkflow.create(admin, "watched");

    private URI uri(String token) {
        return SocketClient.uri("/ws/workflow/" + workflow.id() + "/?token=" + token);
    }

    @Test
    void aHandshakeWithoutAValidTokenIsRefusedWith401() {
        URI noToken = SocketClient.uri("/ws/workflow/" + workflow.id() + "/");
        for (URI refused : List.of(noToken, uri("wfo_not-a-real-token"), uri(SharedServer.ADMIN_TOKEN + "x"))) {
            assertEquals(401, handshakeStatus(refused, false), refused.toString());
        }
        assertEquals(401, handshakeStatus(noToken, true), "an unknown bearer.<token> subprotocol");
    }

    @Test
    void aTokenInTheQueryGetsTheStateOnConnect() {
        try (SocketClient client = SocketClient.connect(uri(SharedServer.ADMIN_TOKEN))) {
            assertIdleState(client.next("state_sync"));
        }
    }

    @Test
    void aTokenAsBearerSubprotocolIsAcceptedAndThePlainBearerSelectedSoTheTokenNeverComesBack() {
        URI noQuery = SocketClient.uri("/ws/workflow/" + workflow.id() + "/");
        String withToken = "bearer." + SharedServer.ADMIN_TOKEN;
        try (SocketClient client =
                SocketClient.connect(noQuery, builder -> builder.subprotocols("bearer", withToken))) {
            assertEquals("bearer", client.socket().getSubprotocol(), "browsers drop a connection that selects none");
            assertIdleState(client.next("state_sync"));
        }
        try (SocketClient client = SocketClient.connect(noQuery, builder -> builder.subprotocols(withToken))) {
            assertEquals("", client.socket().getSubprotocol(), "offered alone, the token is still not sent back");
            assertIdleState(client.next("state_sync"));
        }
    }

    @Test
    void theHandshakeAnswerCarriesTheSecurityHeadersAndNoToken() {
        RawHttp.Answer upgraded = RawHttp.send(
                SharedServer.get().baseUri(),
                "127.0.0.1",
                "GET",
                "/ws/workflow/" + workflow.id() + "/",
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Protocol: bearer, bearer." + SharedServer.ADMIN_TOKEN);
        assertEquals(101, upgraded.status(), upgraded.toString());
        assertEquals("bearer", upgraded.header("Sec-WebSocket-Protocol"));
        assertFalse(upgraded.headers().toString().contains(SharedServer.ADMIN_TOKEN), upgraded.toString());
        assertEquals("nosniff", upgraded.header("X-Content-Type-Options"), upgraded.toString());
        assertEquals("DENY", upgraded.header("X-Frame-Options"), upgraded.toString());
    }

    @Test
    void anOpenSocketIsClosedAtOnceWhenItsTokenIsRevoked() {
        JsonObject token = userToken();
        try (SocketClient client = SocketClient.connect(uri(token.getString("token")))) {
            client.next("state_sync");

            assertEquals(
                    204,
                    admin.delete("/api/tokens/" + token.getString("id") + "/").status());

            assertEquals(new SocketClient.Closed(1008, "token revoked"), client.closed());
        }
    }

    @Test
    void anOpenSocketIsClosedWithinSecondsWhenItsTokenIsRevokedElsewhereOrExpires() {
        // Revoked in the database, as another server sharing it would: found by the periodic check.
        JsonObject revokedElsewhere = userToken();
        // Expiring two seconds from now: sockets are checked every five.
        String expiresAt =
                Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).toString();
        String expiring = admin.post(
                        "/api/tokens/",
                        "{\"name\": \"short " + UUID.randomUUID() + "\", \"expires_at\": \"" + expiresAt + "\"}")
                .object(201)
                .getString("token");
        try (SocketClient revoked = SocketClient.connect(uri(revokedElsewhere.getString("token")));
                SocketClient expired = SocketClient.connect(uri(expiring))) {
            revoked.next("state_sync");
            expired.next("state_sync");

            MariaDb.update(
                    SharedServer.DATABASE,
                    "UPDATE api_token SET revoked_at = CURRENT_TIMESTAMP WHERE id = ?",
                    revokedElsewhere.getString("id"));

            assertEquals(new SocketClient.Closed(1008, "token revoked"), revoked.closed());
            assertEquals(new SocketClient.Closed(1008, "token expired"), expired.closed());
        }
    }

    @Test
    void theAuthorizationHeaderWorksTooAndNoSubprotocolIsSelectedWhenNoneWasOffered() {
        URI noQuery = SocketClient.uri("/ws/workflow/" + workflow.id() + "/");
        try (SocketClient client = SocketClient.connect(
                noQuery, builder -> builder.header("Authorization", "Bearer " + SharedServer.ADMIN_TOKEN))) {
            assertEquals("", client.socket().getSubprotocol());
            assertIdleState(client.next("state_sync"));
        }
    }

    @Test
    void aUserTokenMayWatchToo() {
        try (SocketClient client = SocketClient.connect(uri(userToken().getString("token")))) {
            assertIdleState(client.next("state_sync"));
        }
    }

    @Test
    void pingGetsPongAndRequestStateGetsTheStateAgain() {
        try (SocketClient client = SocketClient.connect(uri(SharedServer.ADMIN_TOKEN))) {
            client.next("state_sync");
            client.send("{\"type\": \"ping\"}");
            assertEquals(1, client.next("pong").size(), "only the type");
            client.send("{\"type\": \"request_state\"}");
            assertIdleState(client.next("state_sync"));
        }
    }

    @Test
    void aBadMessageGetsAnErrorAndTheConnectionStays() {
        try (SocketClient client = SocketClient.connect(uri(SharedServer.ADMIN_TOKEN))) {
            client.next("state_sync");
            for (String bad : List.of(
                    "not json",
                    "{\"type\":",
                    "[1, 2]",
                    "{}",
                    "{\"type\": \"subscribe\"}",
                    "{\"type\": 7}",
                    "{\"type\": \"ping\"} {\"type\": \"ping\"}")) {
                client.send(bad);
                JsonObject error = client.next("error");
                assertEquals("INVALID_REQUEST", error.getString("code"), bad);
                assertFalse(error.getString("error").isBlank(), error.toString());
                assertFalse(error.toString().contains("Exception"), error.toString());
            }
            client.send("{\"type\": \"ping\"}");
            client.next("pong");
            assertFalse(client.isClosed());
        }
    }

    @Test
    void anUnknownWorkflowIsClosedWith4404() {
        URI unknown = SocketClient.uri("/ws/workflow/" + UUID.randomUUID() + "/?token=" + SharedServer.ADMIN_TOKEN);
        try (SocketClient client = SocketClient.connect(unknown)) {
            SocketClient.Closed closed = client.closed();
            assertEquals(4404, closed.code());
            assertEquals("Workflow not found", closed.reason());
        }
    }

    @Test
    void thePathWorksWithoutItsTrailingSlashToo() {
        URI noSlash = SocketClient.uri("/ws/workflow/" + workflow.id() + "?token=" + SharedServer.ADMIN_TOKEN);
        try (SocketClient client = SocketClient.connect(noSlash)) {
            assertIdleState(client.next("state_sync"));
        }
    }

    @Test
    void everyClientOfAWorkflowIsAnsweredOnItsOwn() {
        try (SocketClient first = SocketClient.connect(uri(SharedServer.ADMIN_TOKEN));
                SocketClient second = SocketClient.connect(uri(SharedServer.ADMIN_TOKEN))) {
            first.next("state_sync");
            second.next("state_sync");
            first.send("{\"type\": \"ping\"}");
            first.next("pong");
            second.send("{\"type\": \"request_state\"}");
            second.next("state_sync");
        }
    }

    private void assertIdleState(JsonObject stateSync) {
        assertEquals(2, stateSync.size(), stateSync::toString);
        JsonObject state = stateSync.getJsonObject("state");
        assertEquals(workflow.id(), state.getString("workflow_id"), state::toString);
        assertEquals("idle", state.getString("status"), state::toString);
        assertEquals(JsonValue.NULL, state.get("task_id"), state::toString);
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, state.get("executing_nodes"), state::toString);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, state.get("completed_nodes"), state::toString);
        assertEquals(0, state.getInt("completed_count"), state::toString);
    }

    private JsonObject userToken() {
        return admin.post("/api/tokens/", "{\"name\": \"watcher " + UUID.randomUUID() + "\", \"role\": \"user\"}")
                .object(201);
    }

    /** The HTTP status of a handshake that must fail, with a bogus token as subprotocol or not. */
    private static int handshakeStatus(URI uri, boolean asSubprotocol) {
        CompletionException failed = assertThrows(
                CompletionException.class,
                () -> SocketClient.connect(
                                uri, builder -> asSubprotocol ? builder.subprotocols("bearer.wfo_wrong") : builder)
                        .close());
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, failed.getCause());
        return refused.getResponse().statusCode();
    }
}
