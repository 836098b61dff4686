package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.SharedServer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The libraries that log through SLF4J (Quartz, Flyway) reach the server's own log, where an
 * operator looks when a schedule or a migration misbehaves, instead of SLF4J's no-operation logger.
 * The shared server starts on an emptied database, so its start-up both migrates and starts Quartz.
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

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
