package io.orchestrator.engine;

import static io.orchestrator.engine.RunDecisionsTest.describe;
import static io.orchestrator.engine.RunDecisionsTest.executed;
import static io.orchestrator.engine.RunDecisionsTest.node;
import static io.orchestrator.engine.RunDecisionsTest.state;
import static io.orchestrator.engine.TestGraph.idOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.JsonText;
import io.orchestrator.workflow.NodeSettings;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A sub-workflow node's wait for its child run, as decisions: the step waits, the child's end settles it. */
class ChildRunWaitsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String CALL = SubWorkflowNode.KEY;

    private final RunDecisions decisions = new RunDecisions(type -> false);
    private final RunStart starts = new RunStart(decisions);

    @Test
    void theNodeWaitsForItsChildHoldingNothingAndTheRunWaitsUntilTheNodesTimeout() {
        RunState run =
                state(new TestGraph().node("Call", CALL).node("After", "t").edge("Call", "After"));

        List<String> effects = describe(decisions.attemptEnded(run, started(run, "Call"), awaiting("child-1"), T0));

        assertEquals(
                List.of(
                        "step:Call#1:WAITING",
                        "event:node_waiting:Call",
                        "wake:Call#1@" + T0.plusSeconds(30),
                        "run:WAITING",
                        "event:workflow_waiting",
                        "paused"),
                effects);
        assertEquals("child-1", waitingOutput(run, "Call").getString("run_id"), "the waiting step names its child");
        assertEquals(0, run.running());
    }

    @Test
    void theChildsSuccessCompletesTheNodeWithTheChildsResultAndTheRunGoesOn() {
        RunState run =
                state(new TestGraph().node("Call", CALL).node("After", "t").edge("Call", "After"));
        decisions.attemptEnded(run, started(run, "Call"), awaiting("child-1"), T0);

        List<Effect> effects = decisions
                .children()
                .childEnded(
                        run,
                        "child-1",
                        ChildRunWaits.resultOf("child-1", RunStatus.SUCCESS, JsonText.parse("{\"square\":49}"), null),
                        T0.plusSeconds(1));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "resumed",
                        "step:Call#1:SUCCESS",
                        "event:node_completed:Call:default",
                        "step:After#1:RUNNING",
                        "event:node_started:After",
                        "execute:After#1"),
                describe(effects));
        assertEquals(JsonText.parse("{\"square\":49}"), executed(effects).get(0).input());
        assertEquals(
                List.of(),
                decisions
                        .children()
                        .childEnded(
                                run,
                                "child-1",
                                ChildRunWaits.resultOf("child-1", RunStatus.SUCCESS, JsonText.parse("{}"), null),
                                T0.plusSeconds(2)),
                "a second telling of the same end changes nothing");
    }

    @Test
    void theChildsFailureTakesTheErrorRouteWithTheBlockingNodesMessage() {
        RunState run =
                state(new TestGraph().node("Call", CALL).node("Handle", "t").edge("Call", Routes.ERROR, "Handle"));
        decisions.attemptEnded(run, started(run, "Call"), awaiting("child-1"), T0);

        List<Effect> effects = decisions
                .children()
                .childEnded(
                        run,
                        "child-1",
                        ChildRunWaits.resultOf("child-1", RunStatus.FAILURE, null, "Node 'X' failed: boom"),
                        T0.plusSeconds(1));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "resumed",
                        "step:Call#1:FAILURE",
                        "event:node_failed:Call:error",
                        "step:Handle#1:RUNNING",
                        "event:node_started:Handle",
                        "execute:Handle#1"),
                describe(effects));
        JsonObject handled = executed(effects).get(0).input().asJsonObject();
        assertEquals("sub_workflow", handled.getString("error_type"));
        assertEquals("Sub-workflow run child-1 ended FAILURE: Node 'X' failed: boom", handled.getString("error"));
    }

    @Test
    void aChildEndingBeforeItsNodesAttemptReturnedCompletesTheNodeAtOnce() {
        RunState run =
                state(new TestGraph().node("Call", CALL).node("After", "t").edge("Call", "After"));
        Attempt call = started(run, "Call");

        assertEquals(
                List.of(),
                decisions
                        .children()
                        .childEnded(
                                run,
                                "child-1",
                                ChildRunWaits.resultOf("child-1", RunStatus.SUCCESS, JsonText.parse("{\"n\":1}"), null),
                                T0));
        List<Effect> effects = decisions.attemptEnded(run, call, awaiting("child-1"), T0);

        assertEquals(
                List.of(
                        "step:Call#1:SUCCESS",
                        "event:node_completed:Call:default",
                        "step:After#1:RUNNING",
                        "event:node_started:After",
                        "execute:After#1"),
                describe(effects));
        assertEquals(JsonText.parse("{\"n\":1}"), executed(effects).get(0).input());
    }

    @Test
    void theNodesTimeoutFailsItAsATimeoutAndItsRetryStartsANewChild() {
        RunState run = state(new TestGraph()
                .node("Call", CALL, "{}", new NodeSettings(false, 2, 0, 1.0, 30_000L))
                .node("After", "t")
                .edge("Call", "After"));
        decisions.attemptEnded(run, started(run, "Call"), awaiting("child-1"), T0);

        List<Effect> effects = decisions.woke(run, idOf("Call"), 1, T0.plusSeconds(30));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "resumed",
                        "step:Call#1:FAILURE",
                        "step:Call#2:RUNNING",
                        "event:node_started:Call",
                        "execute:Call#2"),
                describe(effects));
        assertTrue(run.step(idOf("Call")).attempt() == 2);
        assertEquals(
                List.of(),
                decisions
                        .children()
                        .childEnded(
                                run,
                                "child-1",
                                ChildRunWaits.resultOf("child-1", RunStatus.SUCCESS, JsonText.parse("{}"), null),
                                T0.plusSeconds(31)),
                "the first child, ended late, answers nothing");
    }

    private Attempt started(RunState run, String name) {
        return executed(starts.start(run, List.of(node(run, name)), Map.of(), Set.of(), T0))
                .get(0);
    }

    private static AttemptResult awaiting(String childRunId) {
        return new AttemptResult.Succeeded(NodeOutcome.awaitRun(childRunId, T0.plusSeconds(30)));
    }

    private static JsonObject waitingOutput(RunState run, String name) {
        return JsonText.parse(run.step(idOf(name)).output()).asJsonObject();
    }
}
