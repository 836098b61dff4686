package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.ServerProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an operator turns on for a log pipeline: ORCHESTRATOR_LOG_FORMAT=json makes messages.log and
 * the console JSON lines, and ORCHESTRATOR_ACCESS_LOG=on writes one line per request to
 * logs/http_access.log with its status and request id, but never a token, not even one a WebSocket
 * client put in its URL.
 */
class OperationsLogIT {

    private static final String ADMIN_TOKEN = "operations-log-admin-token-0123456789";

    @Test
    void jsonLogsAndAnAccessLogWithoutTokens() throws Exception {
        Path dataDir = Files.createTempDirectory("orchestrator-operations-log-");
        try (ServerProcess server = ServerProcess.named("operations-log")
                .port(ServerProcess.port(15))
                .h2In(dataDir)
                .env("ORCHESTRATOR_ADMIN_TOKEN", ADMIN_TOKEN)
                .env("ORCHESTRATOR_LOG_FORMAT", "json")
                .env("ORCHESTRATOR_ACCESS_LOG", "on")
                .build()
                .start()) {
            Api admin = new Api(server.baseUri(), ADMIN_TOKEN);
            Api.Response answer = admin.get("/api/workflow/?limit=5");
            assertEquals(200, answer.status(), answer::toString);
            String requestId = answer.header("X-Request-ID").orElseThrow();
            // The handshake of a WebSocket client that puts its token in the URL (refused: no such workflow).
            new Api(server.baseUri(), null).get("/ws/workflow/no-such-workflow/?token=" + ADMIN_TOKEN);

            Path accessLog = server.logDirectory().resolve("http_access.log");
            // Liberty writes the access log from a buffer, within seconds.
            Eventually.until(
                    () -> textOf(accessLog).contains(requestId)
                            && textOf(accessLog).contains("/ws/workflow/no-such-workflow/"),
                    Duration.ofSeconds(30),
                    () -> textOf(accessLog));
            String access = textOf(accessLog);
            String line = access.lines()
                    .filter(candidate -> candidate.contains(requestId))
                    .findFirst()
                    .orElseThrow();
            assertTrue(line.contains("\"GET /api/workflow/\" 200 "), line);
            assertFalse(access.contains(ADMIN_TOKEN), () -> "no token in the access log:\n" + access);
            assertFalse(access.contains("limit=5"), () -> "no query string in the access log:\n" + access);

            List<String> messages = server.messagesLog().lines().toList();
            assertTrue(messages.size() > 10, () -> "messages.log has the start-up's lines: " + messages);
            for (String message : messages) {
                JsonObject json = Api.parse(message).asJsonObject();
                assertTrue(json.containsKey("type") && json.containsKey("ibm_datetime"), message);
            }
            assertTrue(
                    messages.stream().anyMatch(message -> message.contains("CWWKZ0001I")),
                    "the application's start is a JSON line too");
            try (Stream<Path> files = Files.list(server.logDirectory())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(textOf(file).contains(ADMIN_TOKEN), file::toString);
                }
            }
        }
    }

    private static String textOf(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
