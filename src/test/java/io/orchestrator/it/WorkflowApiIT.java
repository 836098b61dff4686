package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/workflow/} and {@code /api/workflow/{id}/}: the workflow endpoints, plus versions and settings. */
class WorkflowApiIT {

    private final Api api = SharedServer.admin();

    @Test
    void createAnswers201WithTheSeedFields() {
        String name = "My Workflow " + UUID.randomUUID();
        Api.Response response =
                api.post("/api/workflow/", "{\"name\": \"" + name + "\", \"description\": \"Workflow description\"}");

        JsonObject created = response.object(201);
        String id = created.getString("id");
        UUID.fromString(id);
        assertEquals(name, created.getString("name"));
        assertEquals("Workflow description", created.getString("description"));
        Instant createdAt = Instant.parse(created.getString("created_at"));
        assertTrue(createdAt.isAfter(Instant.now().minusSeconds(300)), "created_at is now: " + createdAt);
        assertEquals(1, created.getInt("version"));
        assertFalse(created.getBoolean("active"), "a new workflow is inactive until PATCHed");
        assertEquals(name, MariaDb.queryValue(SharedServer.DATABASE, "SELECT name FROM workflow WHERE id = ?", id));
    }

    @Test
    void createNeedsANonBlankName() {
        assertTrue(api.post("/api/workflow/", "{\"description\": \"no name\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("name"));
        assertTrue(api.post("/api/workflow/", "{\"name\": \"   \"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("name"));
        assertTrue(api.post("/api/workflow/", "{\"name\": \"" + "x".repeat(201) + "\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("name"));
    }

    @Test
    void listIsAPlainArrayWithTheTotalInAHeaderAndPages() {
        String tag = "paging-" + UUID.randomUUID();
        for (String suffix : List.of("one", "two", "three")) {
            api.post("/api/workflow/", "{\"name\": \"" + tag + " " + suffix + "\"}")
                    .object(201);
        }

        Api.Response all = api.get("/api/workflow/?search=" + tag);
        JsonArray found = all.array(200);
        assertEquals(3, found.size(), all.toString());
        assertEquals("3", all.header("X-Total-Count").orElse(null));
        assertEquals(tag + " three", found.getJsonObject(0).getString("name"), "newest first");
        found.getValuesAs(JsonObject.class).forEach(workflow -> {
            assertNotNull(workflow.getString("id"));
            assertNotNull(workflow.getString("created_at"));
        });

        Api.Response firstPage = api.get("/api/workflow/?search=" + tag + "&limit=2");
        assertEquals(2, firstPage.array(200).size());
        assertEquals("3", firstPage.header("X-Total-Count").orElse(null), "the total counts every match, not the page");
        JsonArray lastPage =
                api.get("/api/workflow/?search=" + tag + "&limit=2&offset=2").array(200);
        assertEquals(1, lastPage.size());
        assertEquals(tag + " one", lastPage.getJsonObject(0).getString("name"));

        Api.Response unfiltered = api.get("/api/workflow/");
        assertTrue(unfiltered.array(200).size() >= 3);
        assertTrue(Long.parseLong(unfiltered.header("X-Total-Count").orElse("0")) >= 3);
        assertEquals(
                0,
                api.get("/api/workflow/?search=" + UUID.randomUUID()).array(200).size());
    }

    @Test
    void searchTakesPercentAndUnderscoreLiterally() {
        String tag = "literal-" + UUID.randomUUID();
        for (String name : List.of(tag + " 100% done", tag + " 1000 done", tag + " a_b", tag + " axb")) {
            api.post("/api/workflow/", "{\"name\": \"" + name + "\"}").object(201);
        }

        JsonArray percent =
                api.get("/api/workflow/?search=" + tag + "%20100%25").array(200);
        assertEquals(
                List.of(tag + " 100% done"),
                percent.getValuesAs(JsonObject.class).stream()
                        .map(w -> w.getString("name"))
                        .toList());
        JsonArray underscore =
                api.get("/api/workflow/?search=" + tag + "%20a_b").array(200);
        assertEquals(
                List.of(tag + " a_b"),
                underscore.getValuesAs(JsonObject.class).stream()
                        .map(w -> w.getString("name"))
                        .toList());
        assertEquals(
                4,
                api.get("/api/workflow/?search=" + tag.toUpperCase()).array(200).size(),
                "search ignores case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=abc", "limit=0", "limit=-1", "limit=501", "offset=-1", "offset=x", "limit=1.5"})
    void badPagingIs400(String query) {
        api.get("/api/workflow/?" + query).error(400, "INVALID_REQUEST");
    }

    @Test
    void getReadsOneWorkflowAndUnknownIdsAre404() {
        TestWorkflow workflow = TestWorkflow.create(api, "Read me");

        JsonObject read = api.get(workflow.path()).object(200);
        assertEquals(workflow.id(), read.getString("id"));
        assertEquals(workflow.name(), read.getString("name"));
        for (String field : List.of("created_at", "updated_at", "description", "settings", "version", "active")) {
            assertTrue(read.containsKey(field), field + " in " + read);
        }

        api.get("/api/workflow/" + UUID.randomUUID() + "/").error(404, "NOT_FOUND");
    }

    @Test
    void putRenamesAndRequiresTheName() {
        TestWorkflow workflow = TestWorkflow.create(api, "Before put");

        JsonObject updated =
                api.put(workflow.path(), "{\"name\": \"Updated Workflow\"}").object(200);
        assertEquals("Updated Workflow", updated.getString("name"));
        assertEquals(workflow.id(), updated.getString("id"));
        assertNotNull(Instant.parse(updated.getString("updated_at")));
        assertEquals(2, updated.getInt("version"));

        JsonObject details =
                api.put(workflow.path(), "{\"description\": \"no name\"}").error(422, "VALIDATION_ERROR");
        assertTrue(details.containsKey("name"), details.toString());
        assertEquals("Updated Workflow", api.get(workflow.path()).object(200).getString("name"));
        assertEquals(
                "", api.get(workflow.path()).object(200).getString("description"), "a refused PUT changes nothing");
    }

    @Test
    void patchChangesOnlyTheFieldsSent() {
        TestWorkflow workflow = TestWorkflow.create(api, "Patch me");
        api.patch(workflow.path(), "{\"description\": \"kept\"}").object(200);

        JsonObject activated = api.patch(workflow.path(), "{\"active\": true}").object(200);
        assertTrue(activated.getBoolean("active"));
        assertEquals(workflow.name(), activated.getString("name"));
        assertEquals("kept", activated.getString("description"));
        assertEquals(
                1,
                MariaDb.count(
                        SharedServer.DATABASE, "SELECT COUNT(*) FROM workflow WHERE id = ? AND active", workflow.id()));

        JsonObject renamed =
                api.patch(workflow.path(), "{\"name\": \"Patched\"}").object(200);
        assertEquals("Patched", renamed.getString("name"));
        assertTrue(renamed.getBoolean("active"));
        assertEquals(4, renamed.getInt("version"));

        api.patch(workflow.path(), "{\"active\": \"yes\"}").error(422, "VALIDATION_ERROR");
        api.patch(workflow.path(), "{\"name\": \"\"}").error(422, "VALIDATION_ERROR");
        assertEquals("Patched", api.get(workflow.path()).object(200).getString("name"));
    }

    @Test
    void patchMergesSettingsAndChecksThemAgainstTheirForm() {
        TestWorkflow workflow = TestWorkflow.create(api, "Settings");
        JsonObject defaults = api.get(workflow.path()).object(200).getJsonObject("settings");
        assertEquals(10, defaults.getInt("concurrency_limit"));
        assertEquals(3600, defaults.getInt("execution_timeout_seconds"));
        assertEquals("all", defaults.getString("keep_executions"));

        JsonObject first = api.patch(workflow.path(), "{\"settings\": {\"concurrency_limit\": 3}}")
                .object(200)
                .getJsonObject("settings");
        assertEquals(3, first.getInt("concurrency_limit"));
        assertEquals(3600, first.getInt("execution_timeout_seconds"), "fields not sent keep their values");
        JsonObject second = api.patch(workflow.path(), "{\"settings\": {\"keep_executions\": \"failed\"}}")
                .object(200)
                .getJsonObject("settings");
        assertEquals(3, second.getInt("concurrency_limit"), "a later patch merges over the earlier one");
        assertEquals("failed", second.getString("keep_executions"));

        JsonObject tooLow = api.patch(workflow.path(), "{\"settings\": {\"concurrency_limit\": 0}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(tooLow.getJsonObject("settings").containsKey("concurrency_limit"), tooLow.toString());
        JsonObject unknown = api.patch(
                        workflow.path(), "{\"settings\": {\"colour\": \"red\", \"keep_executions\": \"some\"}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(unknown.getJsonObject("settings").containsKey("colour"), unknown.toString());
        assertTrue(unknown.getJsonObject("settings").containsKey("keep_executions"), unknown.toString());
        api.patch(workflow.path(), "{\"settings\": [1]}").error(422, "VALIDATION_ERROR");

        JsonObject stored = api.get(workflow.path()).object(200);
        assertEquals(second, stored.getJsonObject("settings"), "refused settings change nothing");
        assertEquals(3, stored.getInt("version"));
    }

    @Test
    void aStaleVersionInPutOrPatchIs409WithTheCurrentVersion() {
        TestWorkflow workflow = TestWorkflow.create(api, "Versions");
        long version =
                api.get(workflow.path()).object(200).getJsonNumber("version").longValue();

        JsonObject first = api.patch(workflow.path(), "{\"name\": \"First writer\", \"version\": " + version + "}")
                .object(200);
        assertEquals(version + 1, first.getJsonNumber("version").longValue());

        JsonObject patchConflict = api.patch(
                        workflow.path(), "{\"name\": \"Second writer\", \"version\": " + version + "}")
                .error(409, "CONFLICT");
        assertEquals(version + 1, patchConflict.getJsonNumber("current_version").longValue());
        JsonObject putConflict = api.put(workflow.path(), "{\"name\": \"Second writer\", \"version\": " + version + "}")
                .error(409, "CONFLICT");
        assertEquals(version + 1, putConflict.getJsonNumber("current_version").longValue());

        JsonObject stored = api.get(workflow.path()).object(200);
        assertEquals("First writer", stored.getString("name"));
        assertEquals(version + 1, stored.getJsonNumber("version").longValue());
        assertEquals(
                "Current writer",
                api.put(workflow.path(), "{\"name\": \"Current writer\", \"version\": " + (version + 1) + "}")
                        .object(200)
                        .getString("name"));
    }

    @Test
    void deleteAnswers204AndRemovesTheNodesAndEdgesRows() {
        TestWorkflow workflow = TestWorkflow.create(api, "Delete me");
        String first = workflow.addNodeId("manual-trigger");
        String second = workflow.addNodeId("transform");
        workflow.connect(first, second);
        assertEquals(2, workflow.storedNodes());
        assertEquals(1, workflow.storedEdges());

        Api.Response deleted = api.delete(workflow.path());
        assertEquals(204, deleted.status(), deleted.toString());
        assertTrue(deleted.text().isEmpty(), "204 has no body");

        api.get(workflow.path()).error(404, "NOT_FOUND");
        api.get(workflow.path("canvas_data/")).error(404, "NOT_FOUND");
        api.delete(workflow.path()).error(404, "NOT_FOUND");
        assertEquals(
                0, MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM workflow WHERE id = ?", workflow.id()));
        assertEquals(0, workflow.storedNodes());
        assertEquals(0, workflow.storedEdges());
        assertEquals(JsonValue.ValueType.ARRAY, api.get("/api/workflow/").json().getValueType());
    }
}
