package io.orchestrator.llm;

import static io.orchestrator.llm.LlmTestDoubles.connection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.nodes.http.AddressGuard;
import io.orchestrator.nodes.http.OutboundHttp;
import io.orchestrator.testing.FakeModelServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connection test against a real model server, a refusing one and a dead port. */
class ConnectionProbeTest {

    private static final String KEY = "sk-probe-key-77";
    private static FakeModelServer server;
    private static ConnectionProbe probe;

    @BeforeAll
    static void start() throws IOException {
        server = FakeModelServer.start().requireKey(KEY);
        probe = new ConnectionProbe(
                new ModelProtocols(new ModelHttp(new OutboundHttp(AddressGuard.allowing("127.0.0.1"), 1 << 20))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anOpenAiCompatibleServerThatIsAlsoKoboldShowsBothApisAndItsModels() {
        JsonObject result = probe.test(connection("c", ConnectionKind.OPENAI, server.openAiBase(), KEY, null))
                .toJson();

        assertTrue(result.getBoolean("connected"));
        assertTrue(result.getBoolean("openai_api"));
        assertTrue(result.getBoolean("kobold_api"));
        assertEquals(
                List.of("fake-small", "fake-large", FakeModelServer.KOBOLD_MODEL),
                result.getJsonArray("models").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("1.80.3", result.getJsonObject("model_info").getString("version"));
        assertEquals(JsonValue.NULL, result.get("error"));
        assertTrue(result.getJsonNumber("latency_ms").longValue() >= 0);
    }

    @Test
    void aKoboldConnectionAndAnAnthropicOneAnswerTheirOwnApis() {
        JsonObject kobold = probe.test(connection("k", ConnectionKind.KOBOLD, server.root(), KEY, null))
                .toJson();
        JsonObject anthropic = probe.test(connection("a", ConnectionKind.ANTHROPIC, server.root(), KEY, null))
                .toJson();

        assertTrue(kobold.getBoolean("kobold_api"));
        assertEquals("kobold", kobold.getJsonObject("model_info").getString("api"));
        assertTrue(anthropic.getBoolean("connected"));
        assertFalse(anthropic.getBoolean("openai_api"));
        assertEquals("anthropic", anthropic.getJsonObject("model_info").getString("api"));
    }

    @Test
    void aWrongKeyIsConnectedWithTheProvidersRefusal() {
        JsonObject result = probe.test(
                        connection("c", ConnectionKind.OPENAI, server.openAiBase(), "sk-wrong-key-1", null))
                .toJson();

        assertTrue(result.getBoolean("connected"));
        assertFalse(result.getBoolean("openai_api"));
        assertTrue(result.getString("error").startsWith("HTTP 401"), result.getString("error"));
    }

    @Test
    void aDeadPortIsNotConnectedWithTheReason() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        JsonObject result = probe.test(
                        connection("d", ConnectionKind.OPENAI, "http://127.0.0.1:" + port + "/v1", null, null))
                .toJson();

        assertFalse(result.getBoolean("connected"));
        assertTrue(result.getString("error").contains("connection refused"), result.getString("error"));
        assertTrue(result.getJsonArray("models").isEmpty());
    }
}
