package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.BrowserScript;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A command run from the canvas and watched in the Monitor, in a real browser against the real server: a
 * command workflow built through the API, then webapp/e2e/monitor.e2e.mjs opens it on the canvas, presses
 * Run, sees the command node running there, goes to the Monitor, finds the run in the list (polled) while it
 * runs, opens it and watches its console fill live with both steps, downloads the file the command
 * collected and checks its bytes, uploads a file and has a too large one refused.
 */
class MonitorCanvasE2EIT {

    private static final int STEP_ONE_LINES = 60;
    private static final int STEP_TWO_LINES = 16;
    private static final String REPORT = "monitor report: " + (STEP_ONE_LINES + STEP_TWO_LINES) + " lines\n";

    /**
     * A line every quarter of a second: step One lasts fifteen seconds, well over what the browser takes
     * from the node running on the canvas to the run's console in the Monitor (the list shows a run within
     * one poll, 2.5 s; seen: about 3 s in all), so that step Two starts while the console watches; step
     * Two lasts four, for the page to see it running before the run ends.
     */
    private static final String SCRIPT = "import time\n"
            + "print('::step::One')\n"
            + "for i in range(1, " + (STEP_ONE_LINES + 1) + "):\n"
            + "    print('one', i)\n"
            + "    time.sleep(0.25)\n"
            + "print('::step::Two')\n"
            + "for i in range(1, " + (STEP_TWO_LINES + 1) + "):\n"
            + "    print('two', i)\n"
            + "    time.sleep(0.25)\n"
            + "open('report.txt', 'w').write('" + REPORT.strip() + "\\n')\n";

    @Test
    void aPersonWatchesACommandLiveInTheMonitorAndDownloadsTheFileItMade() throws Exception {
        Api api = SharedServer.admin();
        TestWorkflow workflow = TestWorkflow.create(api, "Monitored report");
        String start = workflow.addNodeId("manual-trigger", "Start");
        JsonObject form = Json.createObjectBuilder()
                .add(
                        "command",
                        Json.createArrayBuilder()
                                .add("python3")
                                .add("-u")
                                .add("-c")
                                .add(SCRIPT))
                .add("collect", Json.createArrayBuilder().add("*.txt"))
                .build();
        String script = workflow.addNode("command", "Build report", form).getString("id");
        // Beside the trigger, not on it (nodes added through the API without a position share one).
        api.patch(workflow.nodePath(script, "position/"), "{\"position\":{\"x\":300,\"y\":0}}")
                .object(200);
        workflow.connect(start, script);

        BrowserScript.run(
                "monitor",
                Map.of(
                        "WORKFLOW_ID", workflow.id(),
                        "WORKFLOW_NAME", workflow.name(),
                        "COMMAND_NODE_ID", script,
                        "STEP_ONE_LINES", Integer.toString(STEP_ONE_LINES),
                        "STEP_TWO_LINES", Integer.toString(STEP_TWO_LINES),
                        "REPORT_TEXT", REPORT,
                        "ARTIFACT_MAX_MB", Integer.toString(SharedServer.ARTIFACT_MAX_MB)));

        // What the browser did is on the server: the one run (its Run button) succeeded, and the file it
        // uploaded is the run's.
        JsonObject runs = api.get("/api/runs/?workflow_id=" + workflow.id()).object(200);
        assertEquals(1, runs.getInt("total_count"), runs::toString);
        JsonObject run = runs.getJsonArray("runs").getJsonObject(0);
        assertEquals("SUCCESS", run.getString("status"), run::toString);
        JsonObject artifacts =
                api.get("/api/artifacts/?run_id=" + run.getString("task_id")).object(200);
        List<String> names = artifacts.getJsonArray("artifacts").stream()
                .map(artifact -> ((JsonString) artifact.asJsonObject().get("name")).getString())
                .sorted()
                .toList();
        assertEquals(3, names.size(), names::toString);
        assertTrue(names.containsAll(List.of("monitor-note.txt", "report.txt")), names::toString);
        assertTrue(
                Files.size(BrowserScript.OUTPUT.resolve("monitor-canvas-running.png")) > 10_000,
                "a screenshot of the canvas while the command runs");
        assertTrue(Files.size(BrowserScript.OUTPUT.resolve("monitor-live.png")) > 10_000, "a screenshot while live");
    }
}
