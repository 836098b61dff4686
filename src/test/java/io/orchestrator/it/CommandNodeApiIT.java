package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import io.orchestrator.it.support.Uploads;
import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The command node on the shared server, which allows python3 and bash. */
class CommandNodeApiIT {

    private final Api api = SharedServer.admin();

    /** Adds a command node through the API as it is sent, whatever the answer. */
    private Api.Response addCommandNode(TestWorkflow workflow, JsonObject formValues) {
        return api.post(
                workflow.path("nodes/add/"),
                Jsonp.JSON
                        .createObjectBuilder()
                        .add("nodeTemplate", "command")
                        .add(
                                "position",
                                Jsonp.JSON.createObjectBuilder().add("x", 0).add("y", 0))
                        .add("form_values", formValues)
                        .build());
    }

    private static JsonObject command(String... argv) {
        var list = Jsonp.JSON.createArrayBuilder();
        for (String item : argv) {
            list.add(item);
        }
        return Jsonp.JSON.createObjectBuilder().add("command", list).build();
    }

    private static final String TWO_STEPS = "import sys\n"
            + "print('::step::Prepare')\n"
            + "print('preparing')\n"
            + "print('careful', file=sys.stderr)\n"
            + "print('::step::Write')\n"
            + "open('report.txt', 'w').write('done')\n"
            + "print('written')\n";

    @Test
    void aScriptWithTwoStepsStreamsItsStepsAndLinesInOrderAndSucceeds() {
        TestWorkflow workflow = TestWorkflow.create(api, "command " + UUID.randomUUID());
        String start = workflow.addNodeId("manual-trigger", "Start");
        JsonObject form = Jsonp.JSON
                .createObjectBuilder(command("python3", "-c", TWO_STEPS))
                .add("collect", Jsonp.JSON.createArrayBuilder().add("*.txt"))
                .build();
        String script = workflow.addNode("command", "Script", form).getString("id");
        workflow.connect(start, script);

        List<JsonObject> messages = new ArrayList<>();
        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + workflow.id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            socket.next("state_sync");
            String taskId = api.post(workflow.path("start_execution/"), "{}")
                    .object(200)
                    .getString("task_id");
            for (int i = 0; i < 100; i++) {
                JsonObject message = socket.next();
                messages.add(message);
                if ("workflow_completed".equals(message.getString("type"))
                        || "workflow_failed".equals(message.getString("type"))) {
                    break;
                }
            }
            JsonObject run = api.get("/api/runs/" + taskId + "/").object(200);
            assertEquals("SUCCESS", run.getString("status"), run::toString);
            JsonObject output = TestWorkflow.lastExecution(run, script).getJsonObject("output");
            assertEquals(0, output.getInt("exit_code"));
            assertEquals(2, output.getJsonArray("steps").size());
            assertEquals("Write", output.getJsonArray("steps").getJsonObject(1).getString("name"));
            assertEquals("careful", output.getString("stderr_tail"));

            // The collected file and the stored log are artifacts of the step, downloadable as they were.
            JsonObject report = output.getJsonArray("artifacts").getJsonObject(0);
            assertEquals("report.txt", report.getString("file_name"));
            assertEquals(script, report.getString("node_id"));
            assertEquals(
                    "done",
                    new String(
                            Uploads.download(report.getString("download_url")).body(), StandardCharsets.UTF_8));
            JsonObject log = output.getJsonObject("log_artifact");
            assertEquals("log", log.getString("artifact_type"));
            String stored =
                    new String(Uploads.download(log.getString("download_url")).body(), StandardCharsets.UTF_8);
            assertTrue(stored.contains("::step::Prepare\npreparing\n") && stored.contains("written\n"), stored);
            assertEquals(
                    2,
                    api.get("/api/artifacts/?run_id=" + taskId + "&node_id=" + script)
                            .object(200)
                            .getInt("total_count"));
        }

        // What the client saw of the node, in order: its steps and its stdout lines.
        List<String> seen = new ArrayList<>();
        for (JsonObject message : messages) {
            switch (message.getString("type")) {
                case "step_update" ->
                    seen.add("step " + message.getJsonObject("step").getString("name") + " "
                            + message.getJsonObject("step").getString("status"));
                case "log_entry" -> {
                    if (message.getString("stream").equals("stdout")) {
                        message.getString("line").lines().forEach(line -> seen.add("out " + line));
                    }
                }
                case "artifact_created" ->
                    seen.add("artifact "
                            + message.getJsonObject("artifact")
                                    .getString("file_name")
                                    .replaceAll(".*\\.log$", "(log)"));
                case "node_completed" -> {
                    if (message.getString("node_id").equals(script)) {
                        seen.add("completed " + message.getString("route"));
                    }
                }
                default -> {}
            }
        }
        assertEquals(
                List.of(
                        "step Prepare running",
                        "out ::step::Prepare",
                        "out preparing",
                        "step Prepare completed",
                        "step Write running",
                        "out ::step::Write",
                        "out written",
                        "step Write completed",
                        "artifact (log)",
                        "artifact report.txt",
                        "completed default"),
                seen,
                messages::toString);
    }

    @Test
    void anExitCodeOtherThanZeroTakesTheErrorRouteWithTheCommandsOutput() {
        TestWorkflow workflow = TestWorkflow.create(api, "failing command " + UUID.randomUUID());
        String start = workflow.addNodeId("manual-trigger", "Start");
        String failing = workflow.addNode(
                        "command", "Failing", command("bash", "-c", "echo trying; echo 'no disk' >&2; exit 4"))
                .getString("id");
        String handled = workflow.addNodeId("transform", "Handled");
        workflow.connect(start, failing);
        workflow.connect(failing, "error", handled);

        JsonObject run = workflow.runToEnd(Jsonp.JSON.createObjectBuilder().build());

        assertEquals("SUCCESS", run.getString("status"), "the error route handled it: " + run);
        JsonObject failed = TestWorkflow.lastExecution(run, failing);
        assertEquals("FAILURE", failed.getString("status"));
        assertEquals("command_failed", failed.getString("error_type"), failed::toString);
        assertTrue(failed.getString("error").contains("exited with code 4: no disk"), failed::toString);
        assertEquals("SUCCESS", TestWorkflow.lastExecution(run, handled).getString("status"));
    }

    @Test
    void aProgramTheServerDoesNotAllowIsRefusedWhenSaved() {
        TestWorkflow workflow = TestWorkflow.create(api, "refused command " + UUID.randomUUID());
        JsonObject error =
                addCommandNode(workflow, command("curl", "http://example.com")).error(422, "VALIDATION_ERROR");
        assertTrue(error.toString().contains("'curl' is not an allowed command"), error::toString);
        assertEquals(0, workflow.storedNodes(), "nothing was saved");

        JsonObject leadingOut = addCommandNode(
                        workflow,
                        Jsonp.JSON
                                .createObjectBuilder(command("python3", "-V"))
                                .add("collect", Jsonp.JSON.createArrayBuilder().add("../other/*"))
                                .build())
                .error(422, "VALIDATION_ERROR");
        assertTrue(leadingOut.toString().contains("leads out of the working directory"), leadingOut::toString);

        String script =
                workflow.addNode("command", "Script", command("python3", "-V")).getString("id");
        api.patch(
                        workflow.nodePath(script, ""),
                        Jsonp.JSON
                                .createObjectBuilder()
                                .add("form_values", command("sh", "-c", "id"))
                                .build())
                .error(422, "VALIDATION_ERROR");
    }

    @Test
    void stoppingTheRunKillsTheCommandAndTheChildItStarted() {
        TestWorkflow workflow = TestWorkflow.create(api, "stopped command " + UUID.randomUUID());
        String start = workflow.addNodeId("manual-trigger", "Start");
        String sleeper = workflow.addNode(
                        "command", "Sleeper", command("bash", "-c", "sleep 300 & echo child=$!; sleep 300"))
                .getString("id");
        workflow.connect(start, sleeper);

        long child;
        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + workflow.id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            socket.next("state_sync");
            api.post(workflow.path("start_execution/"), "{}").object(200);
            child = Long.parseLong(HumanInputApiIT.nextOfType(socket, "log_entry")
                    .getString("line")
                    .replace("child=", ""));
        }
        assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the child runs");

        assertEquals(
                "REVOKED", api.get(workflow.path("stop_execution/")).object(200).getString("status"));

        Eventually.until(
                () -> !ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
                Duration.ofSeconds(15),
                () -> "process " + child + " still runs");
        JsonObject ended = workflow.awaitRunEnd(Duration.ofSeconds(30));
        assertEquals("REVOKED", ended.getString("status"));
        Optional<ProcessHandle> gone = ProcessHandle.of(child);
        assertFalse(gone.map(ProcessHandle::isAlive).orElse(false));
    }
}
