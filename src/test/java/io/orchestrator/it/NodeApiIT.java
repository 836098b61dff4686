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
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/workflow/{id}/nodes/...}: adding, changing, moving, reading and removing one node at a time. */
class NodeApiIT {

    private static final String DB = SharedServer.DATABASE;

    private final Api api = SharedServer.admin();

    @Test
    void addingTheSeedExampleAnswers201WithIdTypeAndPosition() {
        TestWorkflow workflow = TestWorkflow.create(api, "Seed node");

        JsonObject node = api.post(
                        workflow.path("nodes/add/"),
                        "{\"nodeTemplate\":\"http-request\",\"position\":{\"x\":100,\"y\":200}}")
                .object(201);

        String id = node.getString("id");
        UUID.fromString(id);
        assertEquals("http-request", node.getString("node_type"));
        assertEquals(100, node.getJsonObject("position").getJsonNumber("x").doubleValue());
        assertEquals(200, node.getJsonObject("position").getJsonNumber("y").doubleValue());
        assertEquals("HTTP Request", node.getString("name"));
        assertEquals("GET", node.getJsonObject("form_values").getString("method"), "form defaults are filled in");
        assertEquals(30000, node.getJsonObject("form_values").getInt("timeout_ms"));
        assertEquals(List.of("default", "error"), Api.strings(node.getJsonArray("routes")));
        assertEquals(
                1,
                MariaDb.count(
                        DB,
                        "SELECT COUNT(*) FROM workflow_node WHERE id = ? AND workflow_id = ?"
                                + " AND node_type = 'http-request' AND position_x = 100 AND position_y = 200",
                        id,
                        workflow.id()));
    }

    @Test
    void namesAreNumberedUnlessGivenAndMustBeUnique() {
        TestWorkflow workflow = TestWorkflow.create(api, "Names");

        assertEquals("HTTP Request", workflow.addNode("http-request").getString("name"));
        assertEquals("HTTP Request 2", workflow.addNode("http-request").getString("name"));
        assertEquals(
                "Fetch orders", workflow.addNode("http-request", "Fetch orders").getString("name"));
        assertEquals("HTTP Request 3", workflow.addNode("http-request").getString("name"));

        JsonObject details = api.post(
                        workflow.path("nodes/add/"), "{\"nodeTemplate\":\"transform\",\"name\":\"Fetch orders\"}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(details.containsKey("name"), details.toString());
        assertEquals(4, workflow.storedNodes());
    }

    @Test
    void anUnknownOrMissingTypeIs422OnNodeTemplate() {
        TestWorkflow workflow = TestWorkflow.create(api, "Unknown type");

        JsonObject unknown = api.post(workflow.path("nodes/add/"), "{\"nodeTemplate\":\"teleport\"}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(
                unknown.getJsonArray("nodeTemplate").getString(0).contains("http-request"),
                "the message lists the known types: " + unknown);
        JsonObject missing = api.post(workflow.path("nodes/add/"), "{\"position\":{\"x\":1,\"y\":2}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(missing.containsKey("nodeTemplate"), missing.toString());
        assertEquals(0, workflow.storedNodes());
    }

    @ParameterizedTest(name = "{0} {1} is refused on form_values.{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http-request | {\"timeout_ms\": \"abc\"}             | timeout_ms",
                "http-request | {\"timeout_ms\": 0}                   | timeout_ms",
                "http-request | {\"timeout_ms\": 1.5}                 | timeout_ms",
                "http-request | {\"method\": \"FETCH\"}               | method",
                "http-request | {\"colour\": \"red\"}                 | colour",
                "http-request | {\"url\": \"ftp://example.com/file\"} | url",
                "http-request | {\"headers\": [1, 2]}                 | headers",
                "schedule     | {\"cron\": \"every day at noon\"}     | cron",
                "schedule     | {\"cron\": \"61 * * * *\"}            | cron",
                "schedule     | {\"cron\": \"0 9 * * *\", \"timezone\": \"Mars/Olympus\"} | timezone",
                "webhook      | {\"path\": \"bad path!\"}             | path",
                "webhook      | {\"path\": \"../escape\"}             | path",
                "webhook      | {\"response_mode\": \"later\"}        | response_mode",
                "switch       | {\"cases\": [\"a\", \"a\"]}           | cases",
                "switch       | {\"cases\": [\"default\"]}            | cases",
                "wait         | {\"seconds\": -1}                     | seconds",
            })
    void badFormValuesAre422PerField(String type, String formValues, String field) {
        TestWorkflow workflow = TestWorkflow.create(api, "Bad form " + type);

        JsonObject details = api.post(
                        workflow.path("nodes/add/"),
                        "{\"nodeTemplate\":\"" + type + "\",\"form_values\":" + formValues + "}")
                .error(422, "VALIDATION_ERROR");

        assertTrue(details.getJsonObject("form_values").containsKey(field), details.toString());
        assertEquals(0, workflow.storedNodes(), "a refused node is not stored");
    }

    @Test
    void missingRequiredFieldsAreAllowedWhileDrafting() {
        TestWorkflow workflow = TestWorkflow.create(api, "Drafts");

        assertFalse(
                workflow.addNode("http-request").getJsonObject("form_values").containsKey("url"));
        assertFalse(workflow.addNode("condition").getJsonObject("form_values").containsKey("expression"));
        assertFalse(workflow.addNode("schedule").getJsonObject("form_values").containsKey("cron"));
        assertEquals(3, workflow.storedNodes());
    }

    @Test
    void patchRenamesAndMergesFormValues() {
        TestWorkflow workflow = TestWorkflow.create(api, "Patch node");
        String id = workflow.addNode(
                        "http-request",
                        "Call",
                        Json.createObjectBuilder()
                                .add("url", "https://example.com/orders")
                                .add("headers", Json.createObjectBuilder().add("Accept", "json"))
                                .build())
                .getString("id");

        JsonObject renamed = api.patch(
                        workflow.nodePath(id, ""), "{\"name\":\"Call orders\",\"form_values\":{\"method\":\"POST\"}}")
                .object(200);
        assertEquals("Call orders", renamed.getString("name"));
        JsonObject values = renamed.getJsonObject("form_values");
        assertEquals("POST", values.getString("method"));
        assertEquals("https://example.com/orders", values.getString("url"), "fields not sent are kept");
        assertEquals("json", values.getJsonObject("headers").getString("Accept"));

        JsonObject cleared = api.patch(workflow.nodePath(id, ""), "{\"form_values\":{\"headers\":null}}")
                .object(200);
        assertFalse(cleared.getJsonObject("form_values").containsKey("headers"), "null removes a field (merge patch)");

        JsonObject refused = api.patch(
                        workflow.nodePath(id, ""),
                        "{\"name\":\"Not applied\",\"form_values\":{\"timeout_ms\":\"soon\"}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(refused.getJsonObject("form_values").containsKey("timeout_ms"), refused.toString());
        JsonObject stored = api.get(workflow.nodePath(id, "")).object(200);
        assertEquals("Call orders", stored.getString("name"), "a refused patch changes nothing");
        assertEquals(30000, stored.getJsonObject("form_values").getInt("timeout_ms"));
        assertEquals("Call orders", MariaDb.queryValue(DB, "SELECT name FROM workflow_node WHERE id = ?", id));
    }

    @Test
    void patchSetsRetryTimeoutAndDisabled() {
        TestWorkflow workflow = TestWorkflow.create(api, "Retry");
        String id = workflow.addNodeId("http-request");

        JsonObject patched = api.patch(
                        workflow.nodePath(id, ""),
                        "{\"retry\":{\"max_attempts\":3,\"delay_ms\":500,"
                                + "\"backoff_multiplier\":1.5},\"timeout_ms\":10000,\"disabled\":true}")
                .object(200);
        JsonObject retry = patched.getJsonObject("retry");
        assertEquals(3, retry.getInt("max_attempts"));
        assertEquals(500, retry.getInt("delay_ms"));
        assertEquals(1.5, retry.getJsonNumber("backoff_multiplier").doubleValue());
        assertEquals(10000, patched.getInt("timeout_ms"));
        assertTrue(patched.getBoolean("disabled"));
        assertEquals(
                1,
                MariaDb.count(
                        DB,
                        "SELECT COUNT(*) FROM workflow_node WHERE id = ? AND retry_max_attempts = 3"
                                + " AND retry_delay_ms = 500 AND timeout_ms = 10000 AND disabled",
                        id));

        JsonObject onlyAttempts = api.patch(workflow.nodePath(id, ""), "{\"retry\":{\"max_attempts\":2}}")
                .object(200);
        assertEquals(500, onlyAttempts.getJsonObject("retry").getInt("delay_ms"), "retry fields not sent are kept");

        JsonObject details = api.patch(
                        workflow.nodePath(id, ""), "{\"retry\":{\"max_attempts\":0,\"backoff_multiplier\":99}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(details.getJsonObject("retry").containsKey("max_attempts"), details.toString());
        assertTrue(details.getJsonObject("retry").containsKey("backoff_multiplier"), details.toString());
        api.patch(workflow.nodePath(id, ""), "{\"disabled\":\"no\"}").error(422, "VALIDATION_ERROR");
        api.patch(workflow.nodePath(id, ""), "{\"timeout_ms\":0}").error(422, "VALIDATION_ERROR");

        JsonObject noTimeout =
                api.patch(workflow.nodePath(id, ""), "{\"timeout_ms\":null}").object(200);
        assertEquals(JsonValue.NULL, noTimeout.get("timeout_ms"), "null goes back to the server's default");
    }

    @Test
    void narrowingSwitchCasesRemovesTheEdgesOfVanishedRoutes() {
        TestWorkflow workflow = TestWorkflow.create(api, "Switch");
        String switchId = workflow.addNode(
                        "switch",
                        "Route",
                        Json.createObjectBuilder()
                                .add("expression", "${input.kind}")
                                .add("cases", Json.createArrayBuilder().add("a").add("b"))
                                .build())
                .getString("id");
        String onA = workflow.connect(switchId, "a", workflow.addNodeId("transform", "On A"))
                .getString("id");
        String onB = workflow.connect(switchId, "b", workflow.addNodeId("transform", "On B"))
                .getString("id");
        String otherwise = workflow.connect(switchId, "default", workflow.addNodeId("transform", "Otherwise"))
                .getString("id");

        JsonObject patched = api.patch(workflow.nodePath(switchId, ""), "{\"form_values\":{\"cases\":[\"a\"]}}")
                .object(200);

        assertEquals(List.of(onB), Api.strings(patched.getJsonArray("removed_edges")));
        assertEquals(List.of("a", "default"), Api.strings(patched.getJsonArray("routes")));
        Set<String> left = workflow.canvas().getJsonArray("edges").getValuesAs(JsonObject.class).stream()
                .map(edge -> edge.getString("id"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(onA, otherwise), left);
        assertEquals(0, MariaDb.count(DB, "SELECT COUNT(*) FROM workflow_edge WHERE id = ?", onB));
        assertEquals(2, workflow.storedEdges());
    }

    @Test
    void aWebhookSecretIsMaskedAndTheMaskSentBackKeepsIt() {
        TestWorkflow workflow = TestWorkflow.create(api, "Secret");
        String path = "hook-" + UUID.randomUUID();
        Api.Response added = api.post(
                workflow.path("nodes/add/"),
                "{\"nodeTemplate\":\"webhook\",\"form_values\":" + "{\"path\":\"" + path
                        + "\",\"secret\":\"s3cret-value\"}}");
        JsonObject node = added.object(201);
        String id = node.getString("id");
        assertEquals("********", node.getJsonObject("form_values").getString("secret"));
        assertFalse(added.text().contains("s3cret-value"), added.text());
        String sealed = storedSecret(id);
        assertTrue(sealed.startsWith("enc:v1:") && !sealed.contains("s3cret-value"), "stored sealed: " + sealed);

        Api.Response read = api.get(workflow.nodePath(id, ""));
        assertEquals("********", read.object(200).getJsonObject("form_values").getString("secret"));
        Api.Response canvas = api.get(workflow.path("canvas_data/"));
        assertFalse(canvas.text().contains("s3cret-value"), canvas.text());

        JsonObject resent = api.patch(
                        workflow.nodePath(id, ""), "{\"form_values\":{\"secret\":\"********\",\"method\":\"PUT\"}}")
                .object(200);
        assertEquals("********", resent.getJsonObject("form_values").getString("secret"));
        assertEquals("PUT", resent.getJsonObject("form_values").getString("method"));
        assertEquals(sealed, storedSecret(id), "sending the mask back keeps the stored secret");
        assertEquals(path, Api.parse(storedFormValues(id)).asJsonObject().getString("path"));

        api.patch(workflow.nodePath(id, ""), "{\"form_values\":{\"secret\":\"rotated\"}}")
                .object(200);
        String rotated = storedSecret(id);
        assertTrue(
                rotated.startsWith("enc:v1:") && !rotated.equals(sealed) && !rotated.contains("rotated"),
                "a new secret is sealed anew: " + rotated);
    }

    @Test
    void positionPatchMovesTheNodeAndRefusesBadPositions() {
        TestWorkflow workflow = TestWorkflow.create(api, "Move");
        String id = workflow.addNodeId("transform");

        JsonObject moved = api.patch(workflow.nodePath(id, "position/"), "{\"position\":{\"x\":150,\"y\":250.5}}")
                .object(200);
        assertEquals(id, moved.getString("id"));
        assertEquals(150, moved.getJsonObject("position").getJsonNumber("x").doubleValue());
        assertEquals(250.5, moved.getJsonObject("position").getJsonNumber("y").doubleValue());
        assertEquals(
                1,
                MariaDb.count(
                        DB,
                        "SELECT COUNT(*) FROM workflow_node WHERE id = ? AND position_x = 150"
                                + " AND position_y = 250.5",
                        id));

        for (String bad : List.of(
                "{}",
                "{\"position\":{\"x\":\"left\",\"y\":1}}",
                "{\"position\":{\"x\":1}}",
                "{\"position\":[1,2]}",
                "{\"position\":{\"x\":1e300,\"y\":0}}",
                "{\"position\":null}",
                "{\"position\":{\"x\":null,\"y\":null}}")) {
            JsonObject details =
                    api.patch(workflow.nodePath(id, "position/"), bad).error(422, "VALIDATION_ERROR");
            assertTrue(details.containsKey("position"), bad + " -> " + details);
        }
        assertEquals(
                150,
                api.get(workflow.nodePath(id, ""))
                        .object(200)
                        .getJsonObject("position")
                        .getInt("x"));
    }

    @Test
    void inputAggregatesTheOutputsOfConnectedSources() {
        TestWorkflow workflow = TestWorkflow.create(api, "Input");
        String first = workflow.addNodeId("transform", "First");
        String second = workflow.addNodeId("transform", "Second");
        String sink = workflow.addNodeId("transform", "Sink");

        assertEquals(
                JsonValue.EMPTY_JSON_OBJECT,
                api.get(workflow.nodePath(sink, "input/")).object(200).get("input_data"),
                "no sources, empty input");
        assertEquals(
                JsonValue.NULL,
                api.get(workflow.nodePath(first, "output/")).object(200).get("output_data"),
                "a node that never ran has no output");

        MariaDb.update(DB, "UPDATE workflow_node SET output_data = ? WHERE id = ?", "{\"a\":1}", first);
        MariaDb.update(DB, "UPDATE workflow_node SET output_data = ? WHERE id = ?", "{\"b\":[2,3]}", second);
        assertEquals(
                Api.parse("{\"a\":1}"),
                api.get(workflow.nodePath(first, "output/")).object(200).get("output_data"));

        workflow.connect(first, sink);
        JsonObject oneSource = api.get(workflow.nodePath(sink, "input/")).object(200);
        assertEquals(Set.of("input_data"), oneSource.keySet());
        assertEquals(Api.parse("{\"a\":1}"), oneSource.get("input_data"), "one source: its output as it is");

        workflow.connect(second, sink);
        assertEquals(
                Api.parse("{\"First\":{\"a\":1},\"Second\":{\"b\":[2,3]}}"),
                api.get(workflow.nodePath(sink, "input/")).object(200).get("input_data"),
                "several: keyed by source name");

        String never = workflow.addNodeId("transform", "Never");
        workflow.connect(never, sink);
        assertEquals(
                JsonValue.NULL,
                api.get(workflow.nodePath(sink, "input/"))
                        .object(200)
                        .getJsonObject("input_data")
                        .get("Never"),
                "a source that has not executed yet counts, with null");

        String join = workflow.addNodeId("merge", "Join");
        workflow.connect(first, join);
        assertEquals(
                Api.parse("{\"First\":{\"a\":1}}"),
                api.get(workflow.nodePath(join, "input/")).object(200).get("input_data"),
                "a join gets even one source keyed by name, as in a run");
    }

    @Test
    void removingANodeRemovesItsEdges() {
        TestWorkflow workflow = TestWorkflow.create(api, "Remove");
        String start = workflow.addNodeId("manual-trigger");
        String middle = workflow.addNodeId("transform");
        String end = workflow.addNodeId("transform");
        String in = workflow.connect(start, middle).getString("id");
        String out = workflow.connect(middle, end).getString("id");
        String bypass = workflow.connect(start, end).getString("id");

        JsonObject removed = api.delete(workflow.nodePath(middle, "remove/")).object(200);

        assertEquals("Node removed successfully", removed.getString("message"));
        assertEquals(Set.of(in, out), Set.copyOf(Api.strings(removed.getJsonArray("removed_edges"))));
        assertEquals(
                0,
                MariaDb.count(
                        DB,
                        "SELECT COUNT(*) FROM workflow_edge WHERE source_node_id = ? OR target_node_id = ?",
                        middle,
                        middle));
        assertEquals(0, MariaDb.count(DB, "SELECT COUNT(*) FROM workflow_node WHERE id = ?", middle));
        assertEquals(1, workflow.storedEdges());
        assertEquals(
                bypass, workflow.canvas().getJsonArray("edges").getJsonObject(0).getString("id"));
        api.get(workflow.nodePath(middle, "")).error(404, "NOT_FOUND");
        api.delete(workflow.nodePath(middle, "remove/")).error(404, "NOT_FOUND");
    }

    @Test
    void aNodeOfAnotherWorkflowOrAGarbageIdIs404Everywhere() {
        TestWorkflow mine = TestWorkflow.create(api, "Mine");
        TestWorkflow theirs = TestWorkflow.create(api, "Theirs");
        String theirNode = theirs.addNodeId("transform");

        for (String nodeId : List.of(theirNode, UUID.randomUUID().toString(), "not-a-node", "x".repeat(500), "%20")) {
            api.get(mine.nodePath(nodeId, "")).error(404, "NOT_FOUND");
            api.get(mine.nodePath(nodeId, "input/")).error(404, "NOT_FOUND");
            api.get(mine.nodePath(nodeId, "output/")).error(404, "NOT_FOUND");
            api.patch(mine.nodePath(nodeId, ""), "{\"name\":\"Stolen\"}").error(404, "NOT_FOUND");
            api.patch(mine.nodePath(nodeId, "position/"), "{\"position\":{\"x\":1,\"y\":1}}")
                    .error(404, "NOT_FOUND");
            api.delete(mine.nodePath(nodeId, "remove/")).error(404, "NOT_FOUND");
        }
        api.post("/api/workflow/" + UUID.randomUUID() + "/nodes/add/", "{\"nodeTemplate\":\"transform\"}")
                .error(404, "NOT_FOUND");
        assertEquals(1, theirs.storedNodes());
        assertEquals("Transform", MariaDb.queryValue(DB, "SELECT name FROM workflow_node WHERE id = ?", theirNode));
    }

    @Test
    void everyNodeAndEdgeMutationBumpsTheWorkflowVersion() {
        TestWorkflow workflow = TestWorkflow.create(api, "Bumps");
        long version = workflow.version();

        JsonObject first = workflow.addNode("manual-trigger");
        assertEquals(++version, first.getJsonNumber("workflow_version").longValue());
        JsonObject second = workflow.addNode("transform");
        assertEquals(++version, workflow.version());
        String a = first.getString("id");
        String b = second.getString("id");

        JsonObject edge = workflow.connect(a, b);
        assertEquals(++version, edge.getJsonNumber("workflow_version").longValue());
        api.patch(workflow.nodePath(b, ""), "{\"name\":\"Renamed\"}").object(200);
        assertEquals(++version, workflow.version());
        api.patch(workflow.nodePath(b, "position/"), "{\"position\":{\"x\":5,\"y\":5}}")
                .object(200);
        assertEquals(++version, workflow.version());
        api.delete(workflow.path("edges/" + edge.getString("id") + "/remove/")).object(200);
        assertEquals(++version, workflow.version());
        api.delete(workflow.nodePath(b, "remove/")).object(200);
        assertEquals(++version, workflow.version());

        api.patch(workflow.nodePath(a, ""), "{\"form_values\":{\"inputs\":\"many\"}}")
                .error(422, "VALIDATION_ERROR");
        assertEquals(version, workflow.version(), "a refused change bumps nothing");
        assertEquals(version, MariaDb.count(DB, "SELECT version FROM workflow WHERE id = ?", workflow.id()));
    }

    private static String storedFormValues(String nodeId) {
        return (String) MariaDb.queryValue(DB, "SELECT form_values FROM workflow_node WHERE id = ?", nodeId);
    }

    private static String storedSecret(String nodeId) {
        return Api.parse(storedFormValues(nodeId)).asJsonObject().getString("secret");
    }
}
