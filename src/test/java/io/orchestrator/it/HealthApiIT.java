package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/health/} and MicroProfile Health: open to probes, with no token. */
class HealthApiIT {

    private final Api anonymous = SharedServer.anonymous();

    @Test
    void healthAnswersWithoutATokenWithVersionUptimeAndTheDatabase() {
        Api.Response response = anonymous.get("/api/health/");
        JsonObject health = response.object(200);

        assertEquals("UP", health.getString("status"));
        assertFalse(health.getString("version").isBlank());
        assertTrue(health.getJsonNumber("uptime_seconds").longValue() >= 0);
        JsonObject database = health.getJsonObject("database");
        assertEquals("UP", database.getString("status"));
        assertEquals("MariaDB", database.getString("product"));
        assertTrue(database.getJsonNumber("latency_ms").doubleValue() >= 0);
        assertTrue(response.header("X-Request-ID").isPresent());
        assertTrue(response.header("Content-Type").orElse("").startsWith("application/json"));

        assertEquals(
                "UP", SharedServer.admin().get("/api/health/").object(200).getString("status"), "a token does no harm");
    }

    @Test
    void microProfileReadinessAndLivenessAreUp() {
        for (String path : List.of("/health/ready", "/health/live", "/health")) {
            JsonObject health = anonymous.get(path).object(200);
            assertEquals("UP", health.getString("status"), path + ": " + health);
            assertFalse(health.getJsonArray("checks").isEmpty(), path + ": " + health);
        }
        JsonObject database =
                anonymous.get("/health/ready").object(200).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(check -> check.getString("name").equals("database"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("UP", database.getString("status"));
    }
}
