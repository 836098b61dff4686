package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.ServerProcess;
import io.orchestrator.it.support.SharedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The libraries that log through SLF4J (Quartz, Flyway) reach the server's own log, where an
 * operator looks when a schedule or a migration misbehaves, instead of SLF4J's no-operation logger.
 * The shared server starts on an emptied database, so its start-up both migrates and starts Quartz.
 * A secret never goes there: the admin token a first start generates is for the console only.
 */
class ServerLogIT {

    private static final Pattern QUARTZ_STARTED =
            Pattern.compile("org\\.quartz\\.core\\.QuartzScheduler\\s+I Scheduler orchestrator_\\$_\\S+ started\\.");
    private static final Pattern FLYWAY_MIGRATED = Pattern.compile(
            "flywaydb\\.core\\.internal\\.command\\.DbMigrate\\s+I Successfully applied \\d+ migrations");

    @Test
    void quartzAndFlywayWriteTheirStartUpToTheServerLog() {
        String log = SharedServer.get().messagesLog();

        assertTrue(QUARTZ_STARTED.matcher(log).find(), () -> "Quartz's start-up line in messages.log:\n" + tail(log));
        assertTrue(FLYWAY_MIGRATED.matcher(log).find(), () -> "Flyway's migration line in messages.log:\n" + tail(log));
    }

    @Test
    void slf4jFindsExactlyOneBackend() {
        // SLF4J warns on standard error, which Liberty copies into messages.log, both when it has no
        // backend (and drops every message) and when the WAR carries two (and it picks one at random).
        String log = SharedServer.get().messagesLog();

        assertFalse(log.contains("SLF4J(W)"), () -> "no SLF4J warning in messages.log:\n" + tail(log));
    }

    @Test
    void theGeneratedAdminTokenReachesTheConsoleButNoLogFile() throws Exception {
        Path dataDir = Files.createTempDirectory("orchestrator-first-start-");
        try (ServerProcess server = ServerProcess.named("first-start-log")
                .port(ServerProcess.port(9))
                .h2In(dataDir)
                .build()
                .start()) {
            String token = server.printedAdminToken()
                    .orElseThrow(
                            () -> new AssertionError("the console shows the generated token:\n" + server.console()));
            String log = server.messagesLog();

            assertTrue(log.contains("An admin token, 'admin (first start)', was generated"), () -> tail(log));
            assertFalse(log.contains(token), () -> "messages.log holds no token:\n" + tail(log));
            try (Stream<Path> logs = Files.walk(server.logDirectory())) {
                for (Path file : logs.filter(Files::isRegularFile).toList()) {
                    assertFalse(
                            Files.readString(file, StandardCharsets.ISO_8859_1).contains(token), file::toString);
                }
            }
        }
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
