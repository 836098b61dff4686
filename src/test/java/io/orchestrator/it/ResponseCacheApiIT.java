package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/cache/} on the real server. No node writes the cache yet in these tests, so entries
 * are put in table llm_cache as the cache writes them and read back through the API.
 */
class ResponseCacheApiIT {

    private static final String DB = SharedServer.DATABASE;

    private final Api api = SharedServer.admin();

    @BeforeEach
    void emptyCache() {
        api.delete("/api/cache/").object(200);
    }

    @Test
    void anEmptyCacheHasNoEntriesNoBytesAndAHitRateBetweenZeroAndOne() {
        JsonObject stats = api.get("/api/cache/stats/").object(200);

        assertEquals(0, stats.getJsonNumber("entries").longValue(), stats::toString);
        assertEquals(0, stats.getJsonNumber("bytes").longValue(), stats::toString);
        long hits = stats.getJsonNumber("hits").longValue();
        long misses = stats.getJsonNumber("misses").longValue();
        double rate = stats.getJsonNumber("hit_rate").doubleValue();
        assertTrue(hits >= 0 && misses >= 0, stats::toString);
        assertEquals(hits + misses == 0 ? 0.0 : (double) hits / (hits + misses), rate, 0.0001, stats::toString);
    }

    @Test
    void statsCountTheEntriesNotExpiredAndTheirBytes() {
        insert(randomKey(), "default", "wf-a", 100, "1 HOUR");
        insert(randomKey(), "default", "wf-a", 20, "1 HOUR");
        insert(randomKey(), "default", "wf-a", 5000, "-1 SECOND");

        JsonObject stats = api.get("/api/cache/stats/").object(200);
        assertEquals(2, stats.getJsonNumber("entries").longValue(), stats::toString);
        assertEquals(120, stats.getJsonNumber("bytes").longValue(), stats::toString);
    }

    @Test
    void clearingByWorkflowDeletesOnlyThatWorkflowsEntriesAndSaysHowMany() {
        String workflow = UUID.randomUUID().toString();
        insert(randomKey(), "default", workflow, 10, "1 HOUR");
        insert(randomKey(), "default", workflow, 10, "1 HOUR");
        String other = randomKey();
        insert(other, "default", "other-workflow", 10, "1 HOUR");

        JsonObject answer = api.delete("/api/cache/?workflow_id=" + workflow).object(200);
        assertEquals(2, answer.getInt("deleted"), answer::toString);
        assertEquals(0, MariaDb.count(DB, "SELECT COUNT(*) FROM llm_cache WHERE workflow_id = ?", workflow));
        assertEquals(1, MariaDb.count(DB, "SELECT COUNT(*) FROM llm_cache WHERE cache_key = ?", other));
        assertEquals(
                0, api.delete("/api/cache/?workflow_id=" + workflow).object(200).getInt("deleted"));
    }

    @Test
    void clearingByWorkspaceDeletesOnlyThatWorkspacesEntries() {
        insert(randomKey(), "team-x", "wf-1", 10, "1 HOUR");
        insert(randomKey(), "team-x", "wf-2", 10, "1 HOUR");
        insert(randomKey(), "default", "wf-1", 10, "1 HOUR");

        assertEquals(2, api.delete("/api/cache/?workspace=team-x").object(200).getInt("deleted"));
        assertEquals(1, api.get("/api/cache/stats/").object(200).getInt("entries"));
        assertEquals(1, api.delete("/api/cache/").object(200).getInt("deleted"), "everything else");
    }

    @Test
    void oneEntryIsDeletedByItsKeyAndThenIsUnknown() {
        String key = randomKey();
        insert(key, "default", "wf-1", 10, "1 HOUR");

        assertEquals(1, api.delete("/api/cache/" + key + "/").object(200).getInt("deleted"));
        assertEquals(0, MariaDb.count(DB, "SELECT COUNT(*) FROM llm_cache WHERE cache_key = ?", key));
        JsonObject details = api.delete("/api/cache/" + key + "/").error(404, "NOT_FOUND");
        assertEquals(key, details.getString("id"), details::toString);
    }

    @Test
    void aKeyThatIsNotSixtyFourHexDigitsIsABadRequest() {
        api.delete("/api/cache/not-a-key/").error(400, "INVALID_REQUEST");
        api.delete("/api/cache/" + "a".repeat(63) + "/").error(400, "INVALID_REQUEST");
        api.delete("/api/cache/" + "g".repeat(64) + "/").error(400, "INVALID_REQUEST");
    }

    @Test
    void anEmptyFilterIsABadRequestAndClearsNothing() {
        insert(randomKey(), "default", "wf-1", 10, "1 HOUR");

        JsonObject details = api.delete("/api/cache/?workflow_id=").error(400, "INVALID_REQUEST");
        assertTrue(details.containsKey("workflow_id"), details::toString);
        api.delete("/api/cache/?workspace=" + "w".repeat(65)).error(400, "INVALID_REQUEST");
        assertEquals(1, api.get("/api/cache/stats/").object(200).getInt("entries"));
    }

    @Test
    void theStatsAreReadOnly() {
        assertEquals(405, api.post("/api/cache/stats/", "{}").status());
    }

    @Test
    void developmentModeCarriesTheCacheOutcomeANodeReportsInItsCandidates() {
        TestWorkflow workflow = TestWorkflow.create(api, "cache headers " + UUID.randomUUID());
        // A transform that keeps its input answers with the candidates it is given, as an llm node would.
        String node = workflow.addNode("transform", "Answer", (JsonObject)
                        Api.parse("{\"fields\": {\"text\": \"x\"}, \"keep_input\": true}"))
                .getString("id");
        String first = randomKey();
        String second = randomKey();

        Api.Response hit = develop(workflow, node, candidate(first, true), candidate(second, true));
        assertEquals(Optional.of("HIT"), hit.header("X-Cache"), hit::toString);
        assertEquals(Optional.of(first + ", " + second), hit.header("X-Cache-Key"));

        Api.Response miss = develop(workflow, node, candidate(first, true), candidate(second, false));
        assertEquals(Optional.of("MISS"), miss.header("X-Cache"), miss::toString);

        Api.Response uncached = develop(workflow, node);
        assertFalse(uncached.header("X-Cache").isPresent(), "a node without candidates says nothing about a cache");
    }

    private Api.Response develop(TestWorkflow workflow, String node, JsonObject... candidates) {
        var list = Json.createArrayBuilder();
        for (JsonObject candidate : candidates) {
            list.add(candidate);
        }
        JsonObject input = candidates.length == 0
                ? Json.createObjectBuilder().add("n", 1).build()
                : Json.createObjectBuilder().add("candidates", list).build();
        Api.Response response = api.post(
                workflow.path("execute_and_save_node/"),
                Json.createObjectBuilder()
                        .add("node_id", node)
                        .add("input_data", input)
                        .build());
        assertTrue(response.object(200).getBoolean("success"), response::toString);
        return response;
    }

    private static JsonObject candidate(String key, boolean cached) {
        return Json.createObjectBuilder()
                .add("text", "Blue.")
                .add("cached", cached)
                .add("cache_key", key)
                .build();
    }

    private static String randomKey() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    /** A row as the cache writes it; {@code expiresIn} is a MariaDB interval such as "1 HOUR". */
    private static void insert(String key, String workspace, String workflowId, long bytes, String expiresIn) {
        MariaDb.update(
                DB,
                "INSERT INTO llm_cache (cache_key, workspace, workflow_id, connection_id, model, answer_text,"
                        + " finish_reason, prompt_tokens, completion_tokens, raw_answer, bytes, hits, created_at,"
                        + " expires_at) VALUES (?, ?, ?, 'conn-1', 'gpt-test', 'Blue.', 'stop', 10, 2, NULL, ?, 0,"
                        + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL " + expiresIn + ")",
                key,
                workspace,
                workflowId,
                bytes);
    }
}
