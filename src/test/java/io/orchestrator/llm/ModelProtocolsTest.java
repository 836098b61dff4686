package io.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.http.AddressGuard;
import io.orchestrator.nodes.http.OutboundHttp;
import io.orchestrator.testing.FakeModelServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each provider's protocol against a real HTTP server speaking it: what is sent, what is read back. */
class ModelProtocolsTest {

    private static final String KEY = "sk-test-secret-123";
    private static FakeModelServer server;
    private static ModelProtocols protocols;

    private final List<String> pieces = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        server = FakeModelServer.start().requireKey(KEY);
        protocols = new ModelProtocols(new ModelHttp(new OutboundHttp(AddressGuard.allowing("127.0.0.1"), 1 << 20)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.clearRequests();
        server.heal("fake-small");
        server.heal(FakeModelServer.KOBOLD_MODEL);
        server.latency(Duration.ZERO);
    }

    private static ModelEndpoint openAi() {
        return new ModelEndpoint("Local", server.openAiBase() + "/", KEY, Map.of("X-Team", "writers"));
    }

    private static ModelEndpoint root(String secret) {
        return new ModelEndpoint("Root", server.root(), secret, Map.of());
    }

    private static ModelRequest request(String model, boolean stream) {
        return new ModelRequest(
                model,
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("Write three angles on tea")),
                0.7,
                null,
                List.of(),
                stream,
                Duration.ofSeconds(10));
    }

    @Test
    void openAiAnswersWithTheTextItsUsageAndTheRawJson() throws ModelFailure {
        ModelAnswer answer = protocols.openAi().generate(openAi(), request("fake-small", false), pieces::add);

        assertTrue(answer.text().contains("of fake-small to: Write three angles on tea"), answer.text());
        assertEquals("stop", answer.finishReason());
        assertEquals(7, answer.promptTokens()); // "Be brief." 2 + 5 words
        assertEquals(answer.text().split(" ").length, answer.completionTokens());
        assertTrue(answer.raw().contains("\"chat.completion\""));
        assertEquals(List.of(answer.text()), pieces);
        FakeModelServer.Received sent = server.requests("/v1/chat/completions").get(0);
        assertEquals("Bearer " + KEY, sent.headers().get("authorization"));
        assertEquals("writers", sent.headers().get("x-team"));
        JsonObject body = sent.json();
        assertEquals("system", body.getJsonArray("messages").getJsonObject(0).getString("role"));
        assertEquals(0.7, body.getJsonNumber("temperature").doubleValue());
        assertFalse(body.getBoolean("stream"));
    }

    @Test
    void openAiStreamsPiecesAndReadsTheUsageOfTheLastChunk() throws ModelFailure {
        ModelAnswer answer = protocols.openAi().generate(openAi(), request("fake-small", true), pieces::add);

        assertEquals(answer.text(), String.join("", pieces));
        assertTrue(pieces.size() > 5);
        assertEquals(7, answer.promptTokens());
        assertEquals(pieces.size(), answer.completionTokens());
        assertEquals("stop", answer.finishReason());
        assertTrue(answer.raw().endsWith("[DONE]"));
        JsonObject body = server.requests("/v1/chat/completions").get(0).json();
        assertTrue(body.getJsonObject("stream_options").getBoolean("include_usage"));
    }

    @Test
    void aTokenLimitCutsTheAnswerWithTheLengthReason() throws ModelFailure {
        ModelRequest limited = new ModelRequest(
                "fake-small",
                List.of(ChatMessage.user("hello there")),
                null,
                3,
                List.of("END"),
                true,
                Duration.ofSeconds(5));

        ModelAnswer answer = protocols.openAi().generate(openAi(), limited, pieces::add);

        assertEquals(3, answer.completionTokens());
        assertEquals("length", answer.finishReason());
        JsonObject body = server.requests("/v1/chat/completions").get(0).json();
        assertEquals(3, body.getInt("max_tokens"));
        assertEquals("END", body.getJsonArray("stop").getString(0));
    }

    @Test
    void openAiListsTheServersModels() throws ModelFailure {
        assertEquals(List.of("fake-small", "fake-large"), protocols.openAi().models(openAi(), Duration.ofSeconds(5)));
    }

    @Test
    void anthropicSendsTheSystemApartWithItsHeadersAndReadsTheUsage() throws ModelFailure {
        ModelProtocol anthropic = protocols
                .of(io.orchestrator.connections.ConnectionKind.ANTHROPIC)
                .orElseThrow();

        ModelAnswer answer = anthropic.generate(root(KEY), request("fake-large", false), pieces::add);

        assertTrue(answer.text().contains("of fake-large to: Write three angles on tea"));
        assertEquals("end_turn", answer.finishReason());
        assertEquals(7, answer.promptTokens());
        assertEquals(answer.text().split(" ").length, answer.completionTokens());
        FakeModelServer.Received sent = server.requests("/v1/messages").get(0);
        assertEquals(KEY, sent.headers().get("x-api-key"));
        assertEquals("2023-06-01", sent.headers().get("anthropic-version"));
        assertEquals("Be brief.", sent.json().getString("system"));
        assertEquals(1, sent.json().getJsonArray("messages").size());
        assertEquals(AnthropicProtocol.DEFAULT_MAX_TOKENS, sent.json().getInt("max_tokens"));
    }

    @Test
    void anthropicStreamsItsContentDeltasAndTheUsageOfStartAndDelta() throws ModelFailure {
        ModelProtocol anthropic = protocols
                .of(io.orchestrator.connections.ConnectionKind.ANTHROPIC)
                .orElseThrow();

        ModelAnswer answer = anthropic.generate(root(KEY), request("fake-large", true), pieces::add);

        assertEquals(answer.text(), String.join("", pieces));
        assertEquals(7, answer.promptTokens());
        assertEquals(pieces.size(), answer.completionTokens());
        assertEquals("end_turn", answer.finishReason());
        assertEquals(List.of("fake-small", "fake-large"), anthropic.models(root(KEY), Duration.ofSeconds(5)));
    }

    @Test
    void koboldFlattensTheChatIntoOnePromptAndCountsTokensWithTheServer() throws ModelFailure {
        ModelAnswer answer = protocols.kobold().generate(root(KEY), request("any", false), pieces::add);

        JsonObject body = server.requests("/api/v1/generate").get(0).json();
        assertEquals("Be brief.\n\nUser: Write three angles on tea\nAssistant:", body.getString("prompt"));
        assertEquals(
                KoboldProtocol.NEXT_TURN, body.getJsonArray("stop_sequence").getString(0));
        assertTrue(answer.text().contains("of " + FakeModelServer.KOBOLD_MODEL + " to: Write three angles on tea"));
        assertEquals(9, answer.promptTokens()); // the flattened prompt's words, as the server counts them
        assertEquals(answer.text().split(" ").length, answer.completionTokens());
        assertEquals(2, server.requests("/api/extra/tokencount").size());
        assertEquals("stop", answer.finishReason());
    }

    @Test
    void koboldStreamsTokensOfMessageEvents() throws ModelFailure {
        ModelAnswer answer = protocols.kobold().generate(root(KEY), request("any", true), pieces::add);

        assertEquals(answer.text(), String.join("", pieces));
        assertEquals(pieces.size(), answer.completionTokens());
        assertEquals(1, server.requests("/api/extra/generate/stream").size());
        assertEquals(
                List.of(FakeModelServer.KOBOLD_MODEL), protocols.kobold().models(root(KEY), Duration.ofSeconds(5)));
        assertTrue(protocols.kobold().version(root(KEY), Duration.ofSeconds(5)).isPresent());
    }

    @Test
    void aWrongKeyFailsWithTheProvidersMessageAndNeverTheKey() {
        ModelEndpoint wrong = new ModelEndpoint("Local", server.openAiBase(), "sk-wrong", Map.of());

        ModelFailure failure = assertThrows(
                ModelFailure.class, () -> protocols.openAi().generate(wrong, request("fake-small", true), pieces::add));

        assertEquals(ErrorType.HTTP, failure.errorType());
        assertTrue(failure.getMessage().startsWith("HTTP 401: Incorrect API key provided"), failure.getMessage());
        assertFalse(failure.getMessage().contains("sk-wrong"));
        ModelFailure anthropic = assertThrows(
                ModelFailure.class,
                () -> protocols
                        .of(io.orchestrator.connections.ConnectionKind.ANTHROPIC)
                        .orElseThrow()
                        .generate(root("bad"), request("fake-small", false), pieces::add));
        assertEquals("HTTP 401: invalid x-api-key", anthropic.getMessage());
    }

    @Test
    void aFailingModelGivesItsStatusAndTheProvidersMessage() {
        server.failModel("fake-small", 503).failModel(FakeModelServer.KOBOLD_MODEL, 503);

        ModelFailure openAi = assertThrows(
                ModelFailure.class,
                () -> protocols.openAi().generate(openAi(), request("fake-small", false), pieces::add));
        ModelFailure kobold = assertThrows(
                ModelFailure.class, () -> protocols.kobold().generate(root(KEY), request("x", true), pieces::add));

        assertEquals("HTTP 503: The model fake-small is overloaded. Please try again later.", openAi.getMessage());
        assertEquals("HTTP 503: Server is busy; please try again later.", kobold.getMessage());
    }

    @Test
    void aDeadPortIsAConnectionFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ModelEndpoint dead = new ModelEndpoint("Dead", "http://127.0.0.1:" + port + "/v1", null, Map.of());

        ModelFailure failure = assertThrows(
                ModelFailure.class, () -> protocols.openAi().generate(dead, request("m", false), pieces::add));

        assertEquals(ErrorType.CONNECTION, failure.errorType());
        assertTrue(failure.getMessage().contains("connection refused"), failure.getMessage());
    }

    @Test
    void anUntrustedCertificateIsAConnectionFailureThatNamesNoJavaClass() throws Exception {
        HttpsServer untrusted = selfSignedServer();
        try {
            ModelEndpoint endpoint = new ModelEndpoint(
                    "Self-signed", "https://127.0.0.1:" + untrusted.getAddress().getPort() + "/v1", null, Map.of());

            ModelFailure failure = assertThrows(
                    ModelFailure.class, () -> protocols.openAi().generate(endpoint, request("m", false), pieces::add));

            assertEquals(ErrorType.CONNECTION, failure.errorType());
            assertTrue(failure.getMessage().contains("unable to find valid certification path"), failure.getMessage());
            assertFalse(failure.getMessage().matches("(?s).*\\b[a-z]+\\.[a-z.]+\\.[A-Z]\\w*.*"), failure.getMessage());
        } finally {
            untrusted.stop(0);
        }
    }

    /** An HTTPS server with a certificate keytool makes now, which no authority signed. */
    private static HttpsServer selfSignedServer() throws Exception {
        Path store = Files.createTempDirectory("self-signed-").resolve("key.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        new String(password))
                .redirectErrorStream(true)
                .start();
        assertEquals(0, keytool.waitFor(), () -> "keytool: " + readAll(keytool));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes());
        } catch (IOException unreadable) {
            return unreadable.getMessage();
        }
    }

    @Test
    void aSlowServerTimesOut() {
        server.latency(Duration.ofSeconds(2));
        ModelRequest quick = new ModelRequest(
                "fake-small", List.of(ChatMessage.user("hi")), null, null, List.of(), false, Duration.ofMillis(300));

        ModelFailure failure =
                assertThrows(ModelFailure.class, () -> protocols.openAi().generate(openAi(), quick, pieces::add));

        assertEquals(ErrorType.TIMEOUT, failure.errorType());
    }

    @Test
    void theAddressGuardRefusesALoopbackServerThatIsNotAllowed() {
        ModelProtocols strict = new ModelProtocols(new ModelHttp(new OutboundHttp(AddressGuard.strict(), 1 << 20)));

        ModelFailure failure = assertThrows(
                ModelFailure.class,
                () -> strict.openAi().generate(openAi(), request("fake-small", false), pieces::add));

        assertEquals(ErrorType.FORBIDDEN_ADDRESS, failure.errorType());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void anAnswerThatIsNotWhatTheProtocolSaysIsAMalformedAnswer() throws IOException {
        com.sun.net.httpserver.HttpServer garbling = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        garbling.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().endsWith("/chat/completions")
                    ? "<html>Bad Gateway</html>".getBytes()
                    : "{\"choices\": []}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        garbling.start();
        try {
            ModelEndpoint endpoint = new ModelEndpoint(
                    "Garbling", "http://127.0.0.1:" + garbling.getAddress().getPort() + "/v1", null, Map.of());
            ModelFailure html = assertThrows(
                    ModelFailure.class, () -> protocols.openAi().generate(endpoint, request("m", false), pieces::add));
            ModelFailure models =
                    assertThrows(ModelFailure.class, () -> protocols.openAi().models(endpoint, Duration.ofSeconds(5)));

            assertTrue(html.getMessage().contains("not a JSON object: <html>Bad Gateway</html>"), html.getMessage());
            assertEquals("malformed answer: no data list of models", models.getMessage());
        } finally {
            garbling.stop(0);
        }
    }

    @Test
    void aStreamThatNeverEndsStopsAtTheAnswerLimitInsteadOfFillingTheHeap() throws IOException {
        // A time limit covers only the headers; this server streams chunks for as long as it is read.
        com.sun.net.httpserver.HttpServer endless = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        byte[] chunk = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(1_000) + "\"}}]}\n\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        endless.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (var body = exchange.getResponseBody()) {
                while (written.get() < 4L * ModelHttp.MAX_ANSWER_CHARS) {
                    body.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException clientLeft) {
                // the client stopped reading: what this test expects
            }
        });
        endless.start();
        try {
            ModelEndpoint endpoint = new ModelEndpoint(
                    "Endless", "http://127.0.0.1:" + endless.getAddress().getPort() + "/v1", null, Map.of());
            long[] received = {0};
            ModelFailure failure = assertThrows(
                    ModelFailure.class,
                    () -> protocols
                            .openAi()
                            .generate(endpoint, request("m", true), piece -> received[0] += piece.length()));

            assertEquals(ErrorType.RESPONSE_TOO_LARGE, failure.errorType());
            assertTrue(
                    failure.getMessage().contains("larger than " + ModelHttp.MAX_ANSWER_CHARS), failure.getMessage());
            assertTrue(
                    received[0] <= ModelHttp.MAX_ANSWER_CHARS, "no more than the limit was handed on: " + received[0]);
            assertTrue(
                    received[0] > ModelHttp.MAX_ANSWER_CHARS / 2,
                    "the stream was read up to the limit: " + received[0]);
        } finally {
            endless.stop(0);
        }
        assertTrue(written.get() < 4L * ModelHttp.MAX_ANSWER_CHARS, "the reading stopped, so the server did too");
    }

    @Test
    void anErrorBodyIsReadInEachProvidersShape() {
        assertEquals("bad key", ModelHttp.providerMessage("{\"error\":{\"message\":\"bad key\"}}"));
        assertEquals("busy", ModelHttp.providerMessage("{\"detail\":{\"msg\":\"busy\"}}"));
        assertEquals("plain", ModelHttp.providerMessage("{\"error\":\"plain\"}"));
        assertEquals("<html>Bad Gateway</html>", ModelHttp.providerMessage("<html>Bad Gateway</html>\n<body>"));
        assertEquals("", ModelHttp.providerMessage(""));
    }
}
