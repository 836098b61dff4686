package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workspaces and roles (README, "Workspaces and roles"): two tokens in two workspaces cannot see each other's
 * workflows, runs, sessions, connections, blocks or artifacts, on the API and the WebSocket; a
 * viewer reads, an editor changes and runs, an owner manages the workspace's tokens.
 */
class WorkspacesApiIT {

    private static final Api ADMIN = SharedServer.admin();
    private static final String A = "team-a-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String B = "team-b-" + UUID.randomUUID().toString().substring(0, 8);

    private static Api ownerA;
    private static Api editorA;
    private static Api viewerA;
    private static String viewerAId;
    private static Api editorB;
    private static String editorBToken;
    private static String viewerAToken;
    private static TestWorkflow workflowA;
    private static String runA;

    @BeforeAll
    static void twoWorkspacesWithTheirTokens() {
        ADMIN.post("/api/workspaces/", "{\"name\": \"" + A + "\", \"description\": \"Team A\"}")
                .object(201);
        ADMIN.post("/api/workspaces/", "{\"name\": \"" + B + "\"}").object(201);
        ownerA = token(
                ADMIN.post("/api/tokens/", "{\"name\": \"owner of A\", \"workspaces\": {\"" + A + "\": \"owner\"}}"));
        editorBToken = ADMIN.post(
                        "/api/tokens/", "{\"name\": \"editor of B\", \"workspaces\": {\"" + B + "\": \"editor\"}}")
                .object(201)
                .getString("token");
        editorB = SharedServer.anonymous().withToken(editorBToken);
        editorA =
                token(ownerA.post("/api/workspaces/" + A + "/tokens/", "{\"name\": \"editor\", \"role\": \"editor\"}"));
        JsonObject viewer = ownerA.post(
                        "/api/workspaces/" + A + "/tokens/", "{\"name\": \"viewer\", \"role\": \"viewer\"}")
                .object(201);
        viewerAId = viewer.getString("id");
        viewerAToken = viewer.getString("token");
        viewerA = SharedServer.anonymous().withToken(viewerAToken);

        workflowA = TestWorkflow.createIn(editorA, A, "workspace A");
        workflowA.addNode(
                "set-session",
                "Remember",
                Json.createObjectBuilder()
                        .add("values", Json.createObjectBuilder().add("secret", "only for A"))
                        .build());
        runA = editorA.post(workflowA.path("start_execution/"), "{}")
                .object(200)
                .getString("task_id");
        Eventually.until(
                () -> "SUCCESS"
                        .equals(editorA.get("/api/runs/" + runA + "/")
                                .object(200)
                                .getString("status")),
                Duration.ofSeconds(30),
                () -> editorA.get("/api/runs/" + runA + "/").text());
    }

    @Test
    void aTokenSeesOnlyItsWorkspacesAndTheirContents() {
        assertEquals(A, viewerA.get(workflowA.path()).object(200).getString("workspace"));
        assertEquals(
                Set.of(B + "=editor"),
                editorB.get("/api/workspaces/").array(200).getValuesAs(JsonObject.class).stream()
                        .map(each -> each.getString("name") + "=" + each.getString("role"))
                        .collect(Collectors.toSet()));
        Set<String> seenByAdmin = ADMIN.get("/api/workspaces/").array(200).getValuesAs(JsonObject.class).stream()
                .map(each -> each.getString("name"))
                .collect(Collectors.toSet());
        assertTrue(seenByAdmin.containsAll(Set.of("default", A, B)), seenByAdmin.toString());

        assertFalse(ids(editorB.get("/api/workflow/?limit=500")).contains(workflowA.id()));
        assertTrue(ids(viewerA.get("/api/workflow/?limit=500")).contains(workflowA.id()));
        assertTrue(ids(ADMIN.get("/api/workflow/?workspace=" + A)).contains(workflowA.id()));
        assertEquals(List.of(), ids(editorB.get("/api/workflow/?workspace=" + A)));

        assertFalse(editorB.get("/api/runs/?limit=500").text().contains(runA));
        assertTrue(
                viewerA.get("/api/runs/?workflow_id=" + workflowA.id()).text().contains(runA));
        assertEquals(
                0,
                editorB.get("/api/runs/?workflow_id=" + workflowA.id())
                        .object(200)
                        .getInt("total_count"));
    }

    @Test
    void whatAnotherWorkspaceHoldsIsNotFoundExactlyAsWhatDoesNotExist() {
        String unknown = UUID.randomUUID().toString();
        editorB.get(workflowA.path()).error(404, "NOT_FOUND");
        JsonObject hidden = editorB.get(workflowA.path()).object(404);
        JsonObject missing = editorB.get("/api/workflow/" + unknown + "/").object(404);
        assertEquals(
                missing.getString("error").replace(unknown, "ID"),
                hidden.getString("error").replace(workflowA.id(), "ID"));

        for (String path : List.of(
                workflowA.path("canvas_data/"),
                workflowA.path("export/"),
                workflowA.path("task_status/"),
                "/api/runs/" + runA + "/",
                "/api/runs/" + runA + "/export/")) {
            editorB.get(path).error(404, "NOT_FOUND");
        }
        editorB.patch(workflowA.path(), "{\"name\": \"taken over\"}").error(404, "NOT_FOUND");
        editorB.post(workflowA.path("start_execution/"), "{}").error(404, "NOT_FOUND");
        editorB.get(workflowA.path("start_execution/")).error(404, "NOT_FOUND");
        editorB.delete("/api/runs/" + runA + "/").error(404, "NOT_FOUND");
        editorB.delete(workflowA.path()).error(404, "NOT_FOUND");
        editorB.post("/api/workflow/", "{\"name\": \"into A\", \"workspace\": \"" + A + "\"}")
                .error(404, "NOT_FOUND");
        assertEquals(1, MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM run WHERE id = ?", runA));
        assertEquals(workflowA.name(), ADMIN.get(workflowA.path()).object(200).getString("name"));
    }

    @Test
    void aSessionOfAnotherWorkspaceCannotBeJoined() {
        TestWorkflow workflowB = TestWorkflow.createIn(editorB, B, "workspace B");
        workflowB.addNode(
                "transform",
                "Peek",
                Json.createObjectBuilder()
                        .add("fields", Json.createObjectBuilder().add("seen", "${session.secret}"))
                        .build());
        // A production run's session has the run's id: B names A's run's session.
        editorB.post(workflowB.path("start_execution/"), "{\"input\": {}, \"session_id\": \"" + runA + "\"}")
                .error(404, "NOT_FOUND");
        editorB.post(
                        workflowB.path("execute_and_save_node/"),
                        "{\"node_id\": \"" + nodeId(workflowB) + "\", \"session_id\": \"" + runA + "\"}")
                .error(404, "NOT_FOUND");
    }

    @Test
    void aWorkflowCannotCallAnotherWorkspacesWorkflow() {
        long runsOfA =
                MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM run WHERE workflow_id = ?", workflowA.id());
        TestWorkflow caller = TestWorkflow.createIn(editorB, B, "calls A");
        caller.addNode(
                "sub-workflow",
                "Call A",
                Json.createObjectBuilder().add("workflow_id", workflowA.id()).build());
        String run =
                editorB.post(caller.path("start_execution/"), "{}").object(200).getString("task_id");
        Eventually.until(
                () -> "FAILURE"
                        .equals(editorB.get("/api/runs/" + run + "/")
                                .object(200)
                                .getString("status")),
                Duration.ofSeconds(30),
                () -> editorB.get("/api/runs/" + run + "/").text());
        String detail = editorB.get("/api/runs/" + run + "/").text();
        assertTrue(detail.contains("does not exist"), detail);
        assertEquals(
                runsOfA,
                MariaDb.count(SharedServer.DATABASE, "SELECT COUNT(*) FROM run WHERE workflow_id = ?", workflowA.id()),
                "no run of A was started");
    }

    @Test
    void developmentModeNeverContinuesAProductionRunsSession() {
        TestWorkflow workflow = TestWorkflow.createIn(editorA, A, "development in A");
        workflow.addNode(
                "set-session",
                "Note",
                Json.createObjectBuilder()
                        .add("values", Json.createObjectBuilder().add("note", "from development"))
                        .build());
        Api.Response refused = editorA.post(
                workflow.path("execute_and_save_node/"),
                "{\"node_id\": \"" + nodeId(workflow) + "\", \"session_id\": \"" + runA + "\"}");
        refused.error(409, "CONFLICT");
        assertTrue(refused.text().contains("production run"), refused.toString());

        String own = "dev-" + UUID.randomUUID();
        String request = "{\"node_id\": \"" + nodeId(workflow) + "\", \"session_id\": \"" + own + "\"}";
        editorA.post(workflow.path("execute_and_save_node/"), request).object(200);
        editorA.post(workflow.path("execute_and_save_node/"), request).object(200);
        assertEquals(
                "DEVELOPMENT",
                MariaDb.queryValue(SharedServer.DATABASE, "SELECT origin FROM session_state WHERE id = ?", own));
    }

    @Test
    void aViewerReadsButNeitherChangesNorRuns() {
        viewerA.get(workflowA.path()).object(200);
        viewerA.get("/api/runs/" + runA + "/").object(200);
        viewerA.patch(workflowA.path(), "{\"name\": \"renamed\"}").error(403, "FORBIDDEN");
        viewerA.post(workflowA.path("start_execution/"), "{}").error(403, "FORBIDDEN");
        viewerA.get(workflowA.path("start_execution/")).error(403, "FORBIDDEN");
        viewerA.post(workflowA.path("nodes/add/"), "{\"node_type\": \"transform\"}")
                .error(403, "FORBIDDEN");
        viewerA.delete("/api/runs/" + runA + "/").error(403, "FORBIDDEN");
        viewerA.post("/api/workflow/", "{\"name\": \"new\", \"workspace\": \"" + A + "\"}")
                .error(403, "FORBIDDEN");
        viewerA.get("/api/workspaces/" + A + "/tokens/").error(403, "FORBIDDEN");
        viewerA.get("/api/tokens/").error(403, "FORBIDDEN");
    }

    @Test
    void theWebSocketFollowsTheWorkspace() {
        try (SocketClient stranger = SocketClient.connect(socketUri(editorBToken))) {
            assertEquals(new SocketClient.Closed(4404, "Workflow not found"), stranger.closed());
        }
        try (SocketClient viewer = SocketClient.connect(socketUri(viewerAToken))) {
            viewer.next("state_sync");
            viewer.send("{\"type\": \"pause_run\", \"task_id\": \"" + runA + "\"}");
            JsonObject refused = viewer.next("error");
            assertEquals("FORBIDDEN", refused.getString("code"), refused.toString());
        }
    }

    @Test
    void anOwnerManagesTheWorkspacesTokens() {
        JsonObject joined = ownerA.post(
                        "/api/workspaces/" + A + "/tokens/", "{\"name\": \"temp\", \"role\": \"viewer\"}")
                .object(201);
        Api temp = SharedServer.anonymous().withToken(joined.getString("token"));
        String tempId = joined.getString("id");
        List<JsonObject> listed =
                ownerA.get("/api/workspaces/" + A + "/tokens/").array(200).getValuesAs(JsonObject.class);
        assertTrue(listed.stream().anyMatch(token -> token.getString("id").equals(tempId)), listed.toString());
        assertTrue(
                listed.stream()
                        .allMatch(token ->
                                token.getJsonObject("workspaces").keySet().equals(Set.of(A))),
                "an owner sees each token's role in its own workspace only: " + listed);

        temp.patch(workflowA.path(), "{\"description\": \"by temp\"}").error(403, "FORBIDDEN");
        JsonObject promoted = ownerA.put("/api/workspaces/" + A + "/tokens/" + tempId + "/", "{\"role\": \"editor\"}")
                .object(200);
        assertEquals("editor", promoted.getJsonObject("workspaces").getString(A));
        temp.patch(workflowA.path(), "{\"description\": \"by temp\"}").object(200);

        ownerA.delete("/api/workspaces/" + A + "/tokens/" + tempId + "/");
        temp.get(workflowA.path()).error(404, "NOT_FOUND");

        JsonObject self = ownerA.get("/api/tokens/self/").object(200);
        ownerA.put("/api/workspaces/" + A + "/tokens/" + self.getString("id") + "/", "{\"role\": \"viewer\"}")
                .error(409, "CONFLICT");
        editorB.get("/api/workspaces/" + A + "/tokens/").error(404, "NOT_FOUND");
        editorB.put("/api/workspaces/" + A + "/tokens/" + viewerAId + "/", "{\"role\": \"owner\"}")
                .error(404, "NOT_FOUND");
        ownerA.post(
                        "/api/workspaces/",
                        "{\"name\": \"mine-" + UUID.randomUUID().toString().substring(0, 8) + "\"}")
                .error(403, "FORBIDDEN");
    }

    @Test
    void connectionsAndBlocksBelongToTheirWorkspace() {
        String connection = ownerA.post(
                        "/api/connections/",
                        "{\"name\": \"A's model " + UUID.randomUUID() + "\", \"kind\": \"openai\","
                                + " \"base_url\": \"http://localhost:1/v1\", \"workspace\": \"" + A + "\"}")
                .object(201)
                .getString("id");
        editorA.post(
                        "/api/connections/",
                        "{\"name\": \"not an owner\", \"kind\": \"openai\", \"base_url\": \"http://localhost:1/v1\","
                                + " \"workspace\": \"" + A + "\"}")
                .error(403, "FORBIDDEN");
        assertTrue(editorA.get("/api/connections/").text().contains(connection));
        assertFalse(editorB.get("/api/connections/").text().contains(connection));
        editorB.get("/api/connections/" + connection + "/").error(404, "NOT_FOUND");
        editorB.delete("/api/connections/" + connection + "/").error(404, "NOT_FOUND");

        String title = "Intro " + UUID.randomUUID();
        String block = editorA.post(
                        "/api/blocks/",
                        "{\"title\": \"" + title + "\", \"content\": \"A only\", \"workspace\": \"" + A + "\"}")
                .object(201)
                .getString("id");
        // The same title in another workspace is another block.
        editorB.post(
                        "/api/blocks/",
                        "{\"title\": \"" + title + "\", \"content\": \"B's\", \"workspace\": \"" + B + "\"}")
                .object(201);
        assertFalse(editorB.get("/api/blocks/?limit=500").text().contains("A only"));
        editorB.get("/api/blocks/" + block + "/").error(404, "NOT_FOUND");
        editorB.patch("/api/blocks/" + block + "/", "{\"content\": \"changed\"}")
                .error(404, "NOT_FOUND");
        assertEquals(
                "A only", editorA.get("/api/blocks/" + block + "/").object(200).getString("content"));

        ADMIN.delete("/api/workspaces/" + A + "/").error(409, "CONFLICT");
    }

    private static Api token(Api.Response created) {
        return SharedServer.anonymous().withToken(created.object(201).getString("token"));
    }

    private static List<String> ids(Api.Response list) {
        return list.array(200).getValuesAs(JsonObject.class).stream()
                .map(each -> each.getString("id"))
                .toList();
    }

    private static String nodeId(TestWorkflow workflow) {
        return ADMIN.get(workflow.path("canvas_data/"))
                .object(200)
                .getJsonArray("nodes")
                .getJsonObject(0)
                .getString("id");
    }

    private static java.net.URI socketUri(String token) {
        return SocketClient.uri("/ws/workflow/" + workflowA.id() + "/?token=" + token);
    }
}
