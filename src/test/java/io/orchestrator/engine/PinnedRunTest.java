package io.orchestrator.engine;

import static io.orchestrator.engine.EngineHarness.finished;
import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.engine.TestNodeTypes.Echo;
import io.orchestrator.engine.TestNodeTypes.Route;
import io.orchestrator.platform.JsonText;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A development run takes a pinned node's pinned output and route instead of executing it; other runs never do. */
class PinnedRunTest {

    private static final JsonValue INPUT = json("{'order': 7}");

    private final Echo echo = new Echo();
    private final Route route = new Route();
    private final EngineHarness harness = new EngineHarness(2, echo, route);

    @AfterEach
    void stop() {
        harness.close();
    }

    private static TestGraph pinnedBranch() {
        return new TestGraph()
                .node("Start", "echo")
                .node("Check", "route", "{'route': 'true'}")
                .node("Yes", "echo")
                .node("No", "echo")
                .edge("Start", "Check")
                .edge("Check", "true", "Yes")
                .edge("Check", "false", "No")
                .pin("Check", "{'pinned': 1}", "false");
    }

    @Test
    void aDevelopmentRunDoesNotExecuteAPinnedNodeAndGoesOnWithItsOutputAndRoute() {
        LiveRun run = finished(harness.launch(pinnedBranch().build(), INPUT, true, "Start", TriggerType.DEVELOPMENT));

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(0, route.callCount("Check"), "the pinned node is not executed");
        assertEquals(
                json("{'pinned': 1}"),
                JsonText.parse(harness.lastStep(run, "Check").output()));
        assertEquals("false", harness.lastStep(run, "Check").route());
        assertEquals(
                json("{'pinned': 1}"),
                JsonText.parse(harness.lastStep(run, "No").input()));
        assertEquals(StepStatus.SKIPPED, harness.lastStep(run, "Yes").status());
        assertEquals(List.of("node_started", "node_completed:false"), harness.eventsOf(run, "Check"));
    }

    @Test
    void aProductionRunExecutesAPinnedNodeAndIgnoresThePin() {
        LiveRun run = finished(harness.launch(pinnedBranch().build(), INPUT, true, "Start", TriggerType.MANUAL));

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(1, route.callCount("Check"));
        assertEquals(INPUT, JsonText.parse(harness.lastStep(run, "Yes").input()));
        assertEquals(StepStatus.SKIPPED, harness.lastStep(run, "No").status());
    }

    @Test
    void pinsSurviveTheStoredSnapshotAndSnapshotsWithoutPinsStayAsTheyWere() {
        GraphSnapshot pinned = pinnedBranch().build();
        GraphSnapshot read = GraphSnapshot.fromJson("wf-test", 1, pinned.toJson());

        GraphSnapshot.Pin pin = read.pin(read.nodeNamed("Check")).orElseThrow();
        assertEquals(json("{'pinned': 1}"), pin.output());
        assertEquals("false", pin.route());
        assertEquals(read.toJson(), pinned.toJson());
        GraphSnapshot plain = new TestGraph().node("Start", "echo").build();
        assertEquals(false, plain.toJson().toString().contains("pinned"));
    }
}
