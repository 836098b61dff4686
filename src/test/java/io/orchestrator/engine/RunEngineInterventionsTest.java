package io.orchestrator.engine;

import static io.orchestrator.engine.TestGraph.idOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.TestNodeTypes.Drafts;
import io.orchestrator.engine.TestNodeTypes.Echo;
import io.orchestrator.engine.TestNodeTypes.Slow;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.HumanInputNode;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.JsonText;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole engine, with real threads and a recording journal, when people answer, regenerate, pause and resume. */
class RunEngineInterventionsTest {

    private static final JsonValue INPUT = JsonText.parse("{\"topic\":\"cats\"}");

    private final Echo echo = new Echo();
    private final Drafts drafts = new Drafts();
    private final Slow slow = new Slow();
    private final EngineHarness harness = new EngineHarness(4, echo, drafts, slow, new HumanInputNode());

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRegenerateRunsTheDraftsAgainWithTheFeedbackAndThePersonIsAskedAgainWithTheNewCandidates() throws Exception {
        LiveRun run = harness.launch(
                new TestGraph()
                        .executionTimeoutSeconds(3600)
                        .node("Start", "echo")
                        .node("Write", "drafts")
                        .node("Ask", "human-input", "{\"allow_feedback\": true}")
                        .node("After", "echo")
                        .edge("Start", "Write")
                        .edge("Write", "Ask")
                        .edge("Ask", "After")
                        .build(),
                INPUT,
                true,
                "Start");
        assertEquals(RunStatus.WAITING, run.status());
        assertEquals("draft 1 null", candidateText(harness.lastStep(run, "Ask")));

        JsonObject answer = JsonText.parse("{\"action\":\"regenerate\",\"feedback\":\"shorter\"}")
                .asJsonObject();
        assertTrue(decide(
                run,
                state -> harness.engine
                        .interventions()
                        .regenerate(state, idOf("Ask"), 1, answer, "shorter", Instant.now())));
        awaitCondition(
                () -> harness.lastStep(run, "Ask").attempt() == 2
                        && harness.lastStep(run, "Ask").status() == StepStatus.WAITING,
                "the person is asked again");

        assertEquals(List.of("null", "shorter"), drafts.feedback, "the second attempt got the feedback");
        assertEquals(
                List.of(1, 2),
                harness.stepsOf(run, "Write").stream()
                        .map(StepRow::attempt)
                        .distinct()
                        .toList());
        assertEquals("draft 2 shorter", candidateText(harness.lastStep(run, "Ask")));
        StepRow regenerated = harness.stepsOf(run, "Ask").stream()
                .filter(step -> step.attempt() == 1)
                .reduce((earlier, later) -> later)
                .orElseThrow();
        assertEquals(StepStatus.SUCCESS, regenerated.status());
        assertEquals(answer, JsonText.parse(regenerated.output()), "the answer that asked for it is kept");
        assertEquals(
                List.of("node_started", "node_waiting", "node_started", "node_waiting"), harness.eventsOf(run, "Ask"));

        JsonObject select = JsonText.parse("{\"action\":\"select\",\"text\":\"draft 2 shorter\"}")
                .asJsonObject();
        assertTrue(decide(
                run,
                state -> harness.engine
                        .interventions()
                        .answered(state, idOf("Ask"), 2, select, Routes.DEFAULT, Instant.now())));
        EngineHarness.finished(run);
        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(select, JsonText.parse(harness.lastStep(run, "After").input()));
    }

    @Test
    void aPausedRunLetsTheNodeUnderWayFinishStartsNothingAndLeavesMemoryUntilResumed() throws Exception {
        LiveRun run = harness.launch(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Busy", "slow", "{\"ms\": 300}")
                        .node("After", "echo")
                        .edge("Start", "Busy")
                        .edge("Busy", "After")
                        .build(),
                INPUT,
                false,
                "Start");
        assertTrue(slow.started.await(2, TimeUnit.SECONDS));

        assertTrue(decide(run, state -> harness.engine.interventions().pauseAsked(state, Instant.now())));
        awaitCondition(() -> harness.lastStep(run, "Busy").status() == StepStatus.SUCCESS, "Busy finishes");
        awaitCondition(() -> harness.engine.live(run.id()).isEmpty(), "the paused run leaves memory");

        assertEquals(RunStatus.PAUSED, run.status());
        assertFalse(echo.calls.contains("After"), "nothing new started");
        assertTrue(decide(run, state -> harness.engine.interventions().resumeAsked(state, Instant.now())));
        EngineHarness.finished(run);
        assertEquals(RunStatus.SUCCESS, run.status());
        List<RunStatus> statuses = new java.util.ArrayList<>();
        harness.runRows(run).stream()
                .map(RunRow::status)
                .filter(status -> statuses.isEmpty() || statuses.get(statuses.size() - 1) != status)
                .forEach(statuses::add);
        assertEquals(List.of(RunStatus.STARTED, RunStatus.PAUSED, RunStatus.STARTED, RunStatus.SUCCESS), statuses);
        assertTrue(harness.eventTypes(run).containsAll(List.of("workflow_paused", "workflow_resumed")));
    }

    private boolean decide(LiveRun run, Function<RunState, List<Effect>> decision) throws Exception {
        return harness.engine.decide(run, decision).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static String candidateText(StepRow asking) {
        return JsonText.parse(asking.output())
                .asJsonObject()
                .getJsonArray("candidates")
                .getJsonObject(0)
                .getString("text");
    }

    private static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "timed out waiting until " + what);
            Thread.sleep(10);
        }
    }
}
