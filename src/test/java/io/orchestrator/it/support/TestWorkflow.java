package io.orchestrator.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * A workflow one test creates for itself through the API, so that tests never share a graph, with
 * short ways to build the graph the test is about. Each step checks that the server accepted it.
 */
public final class TestWorkflow {

    private static final Set<String> RUN_ENDS = Set.of("SUCCESS", "FAILURE", "REVOKED");

    private final Api api;
    private final JsonObject created;

    private TestWorkflow(Api api, JsonObject created) {
        this.api = api;
        this.created = created;
    }

    /** A new workflow whose name is unique in the shared database: the name given plus a random suffix. */
    public static TestWorkflow create(Api api, String name) {
        JsonObject body = Json.createObjectBuilder()
                .add("name", name + " " + UUID.randomUUID())
                .build();
        return new TestWorkflow(api, api.post("/api/workflow/", body).object(201));
    }

    /** The same, made in that workspace. */
    public static TestWorkflow createIn(Api api, String workspace, String name) {
        JsonObject body = Json.createObjectBuilder()
                .add("name", name + " " + UUID.randomUUID())
                .add("workspace", workspace)
                .build();
        return new TestWorkflow(api, api.post("/api/workflow/", body).object(201));
    }

    public String id() {
        return created.getString("id");
    }

    public String name() {
        return created.getString("name");
    }

    /** The workflow's own path. */
    public String path() {
        return "/api/workflow/" + id() + "/";
    }

    /** A path under the workflow, for example {@code path("nodes/add/")}. */
    public String path(String rest) {
        return path() + rest;
    }

    public String nodePath(String nodeId, String rest) {
        return path("nodes/" + nodeId + "/" + rest);
    }

    /** Adds a node with the server's default name and form values; returns the node as answered. */
    public JsonObject addNode(String type) {
        return addNode(type, null, JsonValue.EMPTY_JSON_OBJECT);
    }

    public JsonObject addNode(String type, String name) {
        return addNode(type, name, JsonValue.EMPTY_JSON_OBJECT);
    }

    public JsonObject addNode(String type, String name, JsonObject formValues) {
        JsonObjectBuilder body =
                Json.createObjectBuilder().add("nodeTemplate", type).add("form_values", formValues);
        if (name != null) {
            body.add("name", name);
        }
        return api.post(path("nodes/add/"), body.build()).object(201);
    }

    /** Adds a node as {@link #addNode(String)} does and returns only its id. */
    public String addNodeId(String type) {
        return addNode(type).getString("id");
    }

    public String addNodeId(String type, String name) {
        return addNode(type, name).getString("id");
    }

    /** Connects two nodes on the source's default route; returns the edge as answered. */
    public JsonObject connect(String sourceId, String targetId) {
        return connect(sourceId, "default", targetId);
    }

    public JsonObject connect(String sourceId, String sourceHandle, String targetId) {
        return api.post(path("edges/add/"), edge(sourceId, sourceHandle, targetId))
                .object(201);
    }

    /** The body of an edges/add/ request. */
    public static JsonObject edge(String sourceId, String sourceHandle, String targetId) {
        return Json.createObjectBuilder()
                .add("source", sourceId)
                .add("source_handle", sourceHandle)
                .add("target", targetId)
                .build();
    }

    /** A workflow whose runs wait a minute after their trigger: runs to see waiting. */
    public static TestWorkflow waitingAMinute(Api api, String name) {
        TestWorkflow workflow = create(api, name);
        String start = workflow.addNodeId("manual-trigger", "Start");
        String pause = workflow.addNode("wait", "Pause", (JsonObject) Api.parse("{\"seconds\": 60}"))
                .getString("id");
        workflow.connect(start, pause);
        return workflow;
    }

    /** Starts a run and returns its id once it waits. */
    public String startWaitingRun() {
        String taskId = api.get(path("start_execution/")).object(200).getString("task_id");
        Eventually.until(
                () -> "WAITING"
                        .equals(api.get("/api/runs/" + taskId + "/").object(200).getString("status")),
                Duration.ofSeconds(30),
                () -> "run " + taskId + " not waiting");
        return taskId;
    }

    /** Starts a run with this input and waits until it has ended; returns the run's detail with every node execution. */
    public JsonObject runToEnd(JsonObject input) {
        String taskId = api.post(path("start_execution/"), input).object(200).getString("task_id");
        JsonObject[] run = {null};
        Eventually.until(
                () -> {
                    run[0] = api.get("/api/runs/" + taskId + "/").object(200);
                    return RUN_ENDS.contains(run[0].getString("status"));
                },
                Duration.ofSeconds(30),
                () -> "run " + taskId + ": " + run[0]);
        return run[0];
    }

    /** A node's last attempt in a run's detail. */
    public static JsonObject lastExecution(JsonObject run, String nodeId) {
        return run.getJsonArray("node_executions").getValuesAs(JsonObject.class).stream()
                .filter(execution -> execution.getString("node_id").equals(nodeId))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new AssertionError("No execution of " + nodeId + " in " + run));
    }

    public JsonObject canvas() {
        return api.get(path("canvas_data/")).object(200);
    }

    /**
     * Polls the workflow's latest run until it ends (SUCCESS, FAILURE or REVOKED) and returns its
     * status; the server may restart meanwhile, as long as it comes back on the same address.
     */
    public JsonObject awaitRunEnd(Duration timeout) {
        JsonObject[] last = {null};
        Eventually.until(
                () -> {
                    last[0] = api.get(path("task_status/")).object(200);
                    return RUN_ENDS.contains(last[0].getString("status"));
                },
                timeout,
                () -> String.valueOf(last[0]));
        return last[0];
    }

    public long version() {
        return canvas().getJsonNumber("version").longValue();
    }

    /** How many node rows the shared server's MariaDB holds for this workflow. */
    public long storedNodes() {
        return MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM workflow_node WHERE workflow_id = ?", id());
    }

    public long storedEdges() {
        return MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM workflow_edge WHERE workflow_id = ?", id());
    }
}
