package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/workflow/{id}/export/} and {@code POST /api/workflow/import/}: workflows as files. */
class WorkflowFilesApiIT {

    private final Api api = SharedServer.admin();

    /** A workflow with settings, a trigger with inputs, a condition with both routes, run settings and a disabled node. */
    private TestWorkflow sample() {
        TestWorkflow workflow = TestWorkflow.create(api, "Files");
        api.patch(workflow.path(), "{\"description\": \"A sample\", \"settings\": {\"concurrency_limit\": 3}}")
                .object(200);
        String trigger = workflow.addNode(
                        "manual-trigger",
                        "Start",
                        Json.createObjectBuilder()
                                .add(
                                        "inputs",
                                        Json.createArrayBuilder()
                                                .add(Json.createObjectBuilder()
                                                        .add("name", "amount")
                                                        .add("type", "number")
                                                        .add(
                                                                "default",
                                                                Json.createValue(new java.math.BigDecimal("12.50")))))
                                .build())
                .getString("id");
        String check = workflow.addNode(
                        "condition",
                        "Big?",
                        Json.createObjectBuilder()
                                .add("expression", "${input.amount > 10}")
                                .build())
                .getString("id");
        String big = workflow.addNode(
                        "transform",
                        "Big",
                        Json.createObjectBuilder()
                                .add("fields", Json.createObjectBuilder().add("size", "big \"é\"\nline two"))
                                .build())
                .getString("id");
        String small = workflow.addNodeId("transform", "Small");
        api.patch(
                        workflow.nodePath(big, ""),
                        "{\"position\": {\"x\": 120.25, \"y\": -40}, \"retry\": {\"max_attempts\": 3, \"delay_ms\": 250,"
                                + " \"backoff_multiplier\": 1.5}, \"timeout_ms\": 5000}")
                .object(200);
        api.patch(workflow.nodePath(small, ""), "{\"disabled\": true}").object(200);
        workflow.connect(trigger, check);
        workflow.connect(check, "true", big);
        workflow.connect(check, "false", small);
        return workflow;
    }

    private JsonObject importFile(String body, String contentType, int status) {
        return api.send("POST", "/api/workflow/import/", body, contentType).object(status);
    }

    @Test
    void exportAsJsonHasTheDefinitionWithoutIdsAndAsAnAttachment() {
        TestWorkflow workflow = sample();

        Api.Response response = api.get(workflow.path("export/"));

        assertEquals(200, response.status(), response::toString);
        assertTrue(response.header("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(
                "attachment; filename=\"workflow-" + workflow.id() + ".json\"",
                response.header("Content-Disposition").orElse(null));
        JsonObject document = response.object();
        assertEquals("workflow-orchestrator/workflow", document.getString("format"));
        assertEquals(1, document.getInt("format_version"));
        assertEquals(workflow.name(), document.getString("name"));
        assertEquals(3, document.getJsonObject("settings").getInt("concurrency_limit"));
        assertEquals(
                List.of("Start", "Big?", "Big", "Small"),
                document.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                        .map(node -> node.getString("name"))
                        .toList());
        JsonObject big = document.getJsonArray("nodes").getJsonObject(2);
        assertEquals(3, big.getJsonObject("retry").getInt("max_attempts"));
        assertEquals(5000, big.getInt("timeout_ms"));
        assertEquals(120.25, big.getJsonObject("position").getJsonNumber("x").doubleValue());
        assertTrue(document.getJsonArray("nodes").getJsonObject(3).getBoolean("disabled"));
        assertTrue(document.getJsonArray("edges")
                .contains(Json.createObjectBuilder()
                        .add("source", "Big?")
                        .add("source_handle", "true")
                        .add("target", "Big")
                        .add("target_handle", "default")
                        .build()));
        assertFalse(document.toString().contains(workflow.id()), "no ids in the file");
        assertFalse(document.toString().contains("created_at"), "no times in the file");
    }

    @Test
    void jsonRoundTripIsExactButForIds() {
        TestWorkflow workflow = sample();
        String exported = api.get(workflow.path("export/")).text();

        JsonObject created = importFile(exported, "application/json", 201);

        String id = created.getString("id");
        assertNotEquals(workflow.id(), id);
        assertEquals(workflow.name(), created.getString("name"), "a name clash imports a copy of the same name");
        assertFalse(created.getBoolean("active"));
        assertEquals(exported, api.get("/api/workflow/" + id + "/export/").text());
        JsonObject canvas = api.get("/api/workflow/" + id + "/canvas_data/").object(200);
        assertEquals(4, canvas.getJsonArray("nodes").size());
        assertEquals(3, canvas.getJsonArray("edges").size());
        List<String> originalIds = api.get(workflow.path("canvas_data/")).object(200).getJsonArray("nodes").stream()
                .map(node -> node.asJsonObject().getString("id"))
                .toList();
        canvas.getJsonArray("nodes")
                .forEach(node ->
                        assertFalse(originalIds.contains(node.asJsonObject().getString("id")), "node ids are new"));
    }

    @Test
    void yamlExportImportsBackToTheSameFiles() {
        TestWorkflow workflow = sample();
        Api.Response yaml = api.get(workflow.path("export/?format=yaml"));
        assertEquals(200, yaml.status());
        assertTrue(yaml.header("Content-Type").orElse("").startsWith("application/yaml"));
        assertEquals(
                "attachment; filename=\"workflow-" + workflow.id() + ".yaml\"",
                yaml.header("Content-Disposition").orElse(null));
        assertTrue(yaml.text().startsWith("format: workflow-orchestrator/workflow\nformat_version: 1\n"), yaml.text());

        for (String type : List.of("application/yaml", "text/yaml", "application/x-yaml; charset=utf-8")) {
            String id = importFile(yaml.text(), type, 201).getString("id");
            assertEquals(
                    yaml.text(),
                    api.get("/api/workflow/" + id + "/export/?format=yaml").text(),
                    type);
            assertEquals(
                    api.get(workflow.path("export/")).text(),
                    api.get("/api/workflow/" + id + "/export/").text(),
                    "numbers stay exact through YAML (" + type + ")");
        }
        api.get(workflow.path("export/?format=xml")).error(400, "INVALID_REQUEST");
        api.get("/api/workflow/" + UUID.randomUUID() + "/export/").error(404, "NOT_FOUND");
    }

    @Test
    void secretsAreLeftOutOfTheExport() {
        TestWorkflow workflow = TestWorkflow.create(api, "Secret");
        String path = "files-" + UUID.randomUUID();
        workflow.addNode(
                "webhook",
                "Hook",
                Json.createObjectBuilder()
                        .add("path", path)
                        .add("secret", "top-secret-value")
                        .build());
        assertTrue(
                MariaDb.queryValue(
                                SharedServer.DATABASE,
                                "SELECT form_values FROM workflow_node WHERE workflow_id = ?",
                                workflow.id())
                        .toString()
                        .contains("enc:v1:"),
                "the secret is stored sealed");

        for (String format : List.of("json", "yaml")) {
            String exported = api.get(workflow.path("export/?format=" + format)).text();
            assertFalse(exported.contains("top-secret-value"), exported);
            assertFalse(exported.contains("secret"), "not even masked: " + exported);
            assertTrue(exported.contains(path));
        }
    }

    @Test
    void malformedYamlIs400WithTheLine() {
        JsonObject details = api.send(
                        "POST", "/api/workflow/import/", "name: x\nnodes: [\n  {a: 1\nedges: []\n", "application/yaml")
                .error(400, "INVALID_REQUEST");
        assertTrue(details.getInt("line") >= 3, details.toString());
        assertTrue(details.containsKey("column"));
        api.send("POST", "/api/workflow/import/", "{\"name\": ", "application/json")
                .error(400, "INVALID_REQUEST");
        api.send("POST", "/api/workflow/import/", "[1, 2]", "application/json").error(400, "INVALID_REQUEST");
        api.send("POST", "/api/workflow/import/", "", "application/yaml").error(400, "INVALID_REQUEST");
        api.send("POST", "/api/workflow/import/", "name: x", "text/csv").error(415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aTagIs400NamingTheLine() {
        JsonObject details = api.send(
                        "POST",
                        "/api/workflow/import/",
                        "name: tagged\ndescription: !!python/object/apply:os.system [\"echo hi\"]\nnodes: []\n",
                        "application/yaml")
                .error(400, "INVALID_REQUEST");
        assertEquals(2, details.getInt("line"));
    }

    @Test
    void anAliasBombIs400Quickly() {
        StringBuilder yaml = new StringBuilder(
                "name: bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append((char) (level - 1));
            }
            yaml.append("]\n");
        }
        long start = System.nanoTime();
        Api.Response refused = api.send("POST", "/api/workflow/import/", yaml.toString(), "application/yaml");
        long millis = (System.nanoTime() - start) / 1_000_000;

        refused.error(400, "INVALID_REQUEST");
        assertTrue(millis < 1000, "answered in " + millis + " ms");
    }

    @Test
    void anUnknownNodeTypeIs422AndNothingIsCreated() {
        String name = "Unknown type " + UUID.randomUUID();
        JsonObject details = api.send(
                        "POST",
                        "/api/workflow/import/",
                        "name: " + name
                                + "\nnodes:\n  - name: A\n    node_type: teleport\n  - name: B\n    node_type: transform\n"
                                + "edges:\n  - {source: B, target: A}\n",
                        "application/yaml")
                .error(422, "VALIDATION_ERROR");
        assertTrue(details.getJsonObject("nodes[0]").containsKey("node_type"), details.toString());
        assertEquals(
                "No node with name 'A' in this workflow.",
                details.getJsonObject("edges[0]").getJsonArray("target").getString(0),
                "the file's node names, not the ids the server was about to give them");
        assertEquals(0L, MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM workflow WHERE name = ?", name));
    }

    @Test
    void aCycleIs422() {
        String file = """
                {"name": "Cycle", "nodes": [
                  {"name": "A", "node_type": "transform"}, {"name": "B", "node_type": "transform"}],
                 "edges": [{"source": "A", "target": "B"}, {"source": "B", "target": "A"}]}""";
        JsonObject details = api.send("POST", "/api/workflow/import/", file, "application/json")
                .error(422, "VALIDATION_ERROR");
        assertTrue(details.containsKey("edges[1]"), details.toString());
    }

    @Test
    void badFieldsAre422WithTheirPath() {
        JsonObject details = api.send("POST", "/api/workflow/import/", """
                        {"name": "Bad", "format_version": 9, "nodes": [
                          {"name": "C", "node_type": "condition", "form_values": {"expression": 5}}],
                         "edges": [{"source": "C", "target": "Nowhere"}]}""", "application/json")
                .error(422, "VALIDATION_ERROR");
        assertTrue(details.containsKey("format_version"), details.toString());
        assertTrue(details.getJsonObject("edges[0]").containsKey("target"), details.toString());
        api.send("POST", "/api/workflow/import/", "{\"nodes\": []}", "application/json")
                .error(422, "VALIDATION_ERROR");
    }

    /**
     * A WriteIt pipeline becomes a chain of a manual trigger and one node per step. Its steps map to
     * the {@code llm} and {@code human-input} node types: this passes once the server has them.
     */
    @Test
    void aWriteItPipelineImportsAsAChain() {
        String pipeline = """
                metadata:
                  name: Tech Article
                inputs:
                  topic: {type: text, label: Topic, required: true}
                steps:
                  - key: angles
                    type: llm_generate
                    prompt_template: "Three angles on {{ inputs.topic }}"
                    model_preference: [model-a, model-b]
                  - key: pick
                    type: user_input
                    description: Pick one
                  - key: final
                    type: transform
                    template: "{{ steps.angles.selected_response }}"
                """;
        String id = importFile(pipeline, "application/yaml", 201).getString("id");

        JsonObject document = api.get("/api/workflow/" + id + "/export/").object(200);
        assertEquals("Tech Article", document.getString("name"));
        assertEquals(
                List.of("manual-trigger", "llm", "human-input", "transform"),
                document.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                        .map(node -> node.getString("node_type"))
                        .toList());
        assertEquals(3, document.getJsonArray("edges").size());
        assertEquals(
                "Three angles on ${nodes['Inputs'].output.topic}",
                document.getJsonArray("nodes")
                        .getJsonObject(1)
                        .getJsonObject("form_values")
                        .getString("prompt"));
    }
}
