package io.orchestrator.engine;

import static io.orchestrator.engine.RunDecisionsTest.describe;
import static io.orchestrator.engine.RunDecisionsTest.executed;
import static io.orchestrator.engine.RunDecisionsTest.node;
import static io.orchestrator.engine.RunDecisionsTest.state;
import static io.orchestrator.engine.RunDecisionsTest.succeeded;
import static io.orchestrator.engine.TestGraph.idOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.journal.JournalEntry;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.JsonText;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** People in the loop as decisions: a node waiting for an answer, the answer, a regenerate, pause and resume. */
class RunInterventionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final JsonObject REQUEST = JsonText.parse(
                    "{\"prompt\":\"Pick one\",\"candidates\":[{\"index\":0,\"id\":\"0\",\"text\":\"a\"}],\"mode\":\"select_one\"}")
            .asJsonObject();
    private static final JsonObject ANSWER =
            JsonText.parse("{\"action\":\"select\",\"text\":\"a\"}").asJsonObject();

    private final RunDecisions decisions = new RunDecisions(key -> false);
    private final RunStart starts = new RunStart(decisions, "gen"::equals);
    private final RunInterventions interventions = new RunInterventions(decisions, "gen"::equals);

    @Test
    void aNodeAskingAPersonWaitsUntilTheRunsDeadlineAndAnnouncesItsRequest() {
        RunState run = state(new TestGraph()
                .executionTimeoutSeconds(600)
                .node("Ask", "human")
                .node("After", "t")
                .edge("Ask", "After"));

        List<Effect> effects = asks(run, started(run, "Ask"), null);

        assertEquals(
                List.of(
                        "step:Ask#1:WAITING",
                        "event:node_waiting:Ask",
                        "wake:Ask#1@" + T0.plusSeconds(600),
                        "run:WAITING",
                        "event:workflow_waiting",
                        "paused"),
                describe(effects));
        assertEquals(REQUEST, event(effects, EventType.NODE_WAITING).request(), "the event carries the request");
        StepRow waiting = run.step(idOf("Ask"));
        assertEquals(REQUEST.toString(), waiting.output(), "the request is stored with the step");
        assertEquals("timeout", waiting.route(), "the route its wake-up takes");
        assertTrue(RunInterventions.waiting(run, idOf("Ask")).isPresent());
    }

    @Test
    void anAnswerCompletesTheNodeWithItsOutputOnItsRouteAndTheRunGoesOn() {
        RunState run =
                state(new TestGraph().node("Ask", "human").node("After", "t").edge("Ask", "After"));
        asks(run, started(run, "Ask"), null);

        List<Effect> effects = interventions.answered(run, idOf("Ask"), 1, ANSWER, Routes.DEFAULT, T0.plusSeconds(5));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "resumed",
                        "step:Ask#1:SUCCESS",
                        "event:node_completed:Ask:default",
                        "step:After#1:RUNNING",
                        "event:node_started:After",
                        "execute:After#1"),
                describe(effects));
        assertEquals(ANSWER, executed(effects).get(0).input());
        assertEquals(
                List.of(),
                interventions.answered(run, idOf("Ask"), 1, ANSWER, Routes.DEFAULT, T0.plusSeconds(6)),
                "a second answer changes nothing");
    }

    @Test
    void aRejectTakesTheRejectedRouteAndTheDefaultBranchIsSkipped() {
        RunState run = state(new TestGraph()
                .node("Ask", "human")
                .node("Yes", "t")
                .node("No", "t")
                .edge("Ask", "Yes")
                .edge("Ask", "rejected", "No"));
        asks(run, started(run, "Ask"), null);

        List<String> effects =
                describe(interventions.answered(run, idOf("Ask"), 1, ANSWER, "rejected", T0.plusSeconds(1)));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "resumed",
                        "step:Ask#1:SUCCESS",
                        "event:node_completed:Ask:rejected",
                        "step:Yes#1:SKIPPED",
                        "event:node_skipped:Yes",
                        "step:No#1:RUNNING",
                        "event:node_started:No",
                        "execute:No#1"),
                effects);
    }

    @Test
    void theTimeoutCompletesTheNodeWithItsRequestOnTheTimeoutRoute() {
        RunState run = state(new TestGraph()
                .executionTimeoutSeconds(600)
                .node("Ask", "human")
                .node("Yes", "t")
                .node("Late", "t")
                .edge("Ask", "Yes")
                .edge("Ask", "timeout", "Late"));
        List<Effect> asked = asks(run, started(run, "Ask"), T0.plusSeconds(30));
        assertTrue(
                describe(asked).contains("wake:Ask#1@" + T0.plusSeconds(30)),
                describe(asked).toString());

        List<Effect> effects = decisions.woke(run, idOf("Ask"), 1, T0.plusSeconds(30));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "resumed",
                        "step:Ask#1:SUCCESS",
                        "event:node_completed:Ask:timeout",
                        "step:Yes#1:SKIPPED",
                        "event:node_skipped:Yes",
                        "step:Late#1:RUNNING",
                        "event:node_started:Late",
                        "execute:Late#1"),
                describe(effects));
        assertEquals(REQUEST, executed(effects).get(0).input());
        assertEquals(
                List.of(),
                interventions.answered(run, idOf("Ask"), 1, ANSWER, Routes.DEFAULT, T0.plusSeconds(31)),
                "an answer after the timeout changes nothing");
    }

    @Test
    void aRegenerateRunsTheNearestFeedbackNodeAgainWithTheFeedbackThenTheNodesBetweenThenAsksAgain() {
        RunState run = state(new TestGraph()
                .node("Start", "t")
                .node("Gen", "gen")
                .node("Shape", "t")
                .node("Ask", "human")
                .node("After", "t")
                .edge("Start", "Gen")
                .edge("Gen", "Shape")
                .edge("Shape", "Ask")
                .edge("Ask", "After"));
        Attempt gen = finishTo(run, started(run, "Start"), "{\"topic\":\"x\"}", "Gen");
        Attempt shape = finishTo(run, gen, "{\"candidates\":[\"one\"]}", "Shape");
        Attempt ask = finishTo(run, shape, "{\"candidates\":[\"one\"]}", "Ask");
        asks(run, ask, null);
        assertEquals(
                "Gen",
                interventions.regenerationSource(run, idOf("Ask")).orElseThrow().name());

        JsonObject answer = JsonText.parse("{\"action\":\"regenerate\",\"feedback\":\"shorter\"}")
                .asJsonObject();
        List<Effect> effects = interventions.regenerate(run, idOf("Ask"), 1, answer, "shorter", T0.plusSeconds(9));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "resumed",
                        "step:Ask#1:SUCCESS",
                        "step:Gen#2:RUNNING",
                        "event:node_started:Gen",
                        "execute:Gen#2"),
                describe(effects));
        assertNull(run.step(idOf("Ask")).route(), "the answered attempt takes no route");
        Attempt again = executed(effects).get(0);
        assertEquals("shorter", again.feedback());
        assertEquals(JsonText.parse("{\"topic\":\"x\"}"), again.input(), "its input is what it had");

        Attempt shapeAgain = finishTo(run, again, "{\"candidates\":[\"two\"]}", "Shape");
        assertEquals(2, shapeAgain.number());
        assertNull(shapeAgain.feedback(), "only the regenerated node gets the feedback");
        Attempt askAgain = finishTo(run, shapeAgain, "{\"candidates\":[\"two\"]}", "Ask");
        assertEquals(2, askAgain.number());
        assertEquals(JsonText.parse("{\"candidates\":[\"two\"]}"), askAgain.input(), "the new candidates");
        List<String> asksAgain = describe(asks(run, askAgain, null));
        assertEquals("step:Ask#2:WAITING", asksAgain.get(0));
        List<String> done =
                describe(interventions.answered(run, idOf("Ask"), 2, ANSWER, Routes.DEFAULT, T0.plusSeconds(20)));
        assertTrue(done.contains("execute:After#1"), done.toString());
    }

    @Test
    void aRegenerateCutShortByACrashRunsTheNodeAgainWithTheFeedback() {
        RunState run =
                state(new TestGraph().node("Gen", "gen").node("Ask", "human").edge("Gen", "Ask"));
        StepRow regenerated = StepRow.running(
                        new StepRow.Identity("run-1", idOf("Ask"), "Ask", "human", 1, 2), "{}", T0)
                .withSuccess(null, "{\"action\":\"regenerate\",\"feedback\":\"shorter\"}", T0);
        // Gen's first attempt succeeded; its second, asked for by the regenerate, was running at the crash.
        StepRow genAgain = StepRow.running(new StepRow.Identity("run-1", idOf("Gen"), "Gen", "gen", 2, 3), "{}", T0);

        List<Effect> effects = starts.start(
                run, List.of(node(run, "Gen")), Map.of(idOf("Gen"), genAgain, idOf("Ask"), regenerated), Set.of(), T0);

        Attempt third = executed(effects).get(0);
        assertEquals(3, third.number());
        assertEquals("shorter", third.feedback());
    }

    @Test
    void aRegenerateWithoutAFeedbackNodeUpstreamChangesNothing() {
        RunState run =
                state(new TestGraph().node("Start", "t").node("Ask", "human").edge("Start", "Ask"));
        asks(run, finishTo(run, started(run, "Start"), "{}", "Ask"), null);

        assertTrue(interventions.regenerationSource(run, idOf("Ask")).isEmpty());
        assertEquals(List.of(), interventions.regenerate(run, idOf("Ask"), 1, ANSWER, "more", T0));
        assertTrue(RunInterventions.waiting(run, idOf("Ask")).isPresent(), "it still waits");
    }

    @Test
    void aRegenerateWhilePausedChangesNothingTheRunIsResumedFirst() {
        RunState run =
                state(new TestGraph().node("Gen", "gen").node("Ask", "human").edge("Gen", "Ask"));
        asks(run, finishTo(run, started(run, "Gen"), "{\"candidates\":[\"one\"]}", "Ask"), null);
        interventions.pauseAsked(run, T0);

        assertEquals(List.of(), interventions.regenerate(run, idOf("Ask"), 1, ANSWER, "more", T0));
        assertTrue(RunInterventions.waiting(run, idOf("Ask")).isPresent(), "it still waits");
    }

    @Test
    void aPauseLetsTheNodeUnderWayFinishAndStartsNothingNewUntilResumed() {
        RunState run = state(new TestGraph().node("A", "t").node("B", "t").edge("A", "B"));
        Attempt a = started(run, "A");

        assertEquals(List.of("run:PAUSED", "event:workflow_paused"), describe(interventions.pauseAsked(run, T0)));
        assertEquals(List.of(), interventions.pauseAsked(run, T0), "pausing a paused run changes nothing");
        assertEquals(
                List.of("step:A#1:SUCCESS", "event:node_completed:A:default", "paused"),
                describe(decisions.attemptEnded(run, a, succeeded("{}", Routes.DEFAULT), T0.plusSeconds(1))),
                "A's result is recorded, B does not start, and the run leaves memory");
        assertEquals(RunStatus.PAUSED, run.status());

        assertEquals(
                List.of(
                        "run:STARTED",
                        "event:workflow_resumed",
                        "resumed",
                        "step:B#1:RUNNING",
                        "event:node_started:B",
                        "execute:B#1"),
                describe(interventions.resumeAsked(run, T0.plusSeconds(2))));
        assertEquals(List.of(), interventions.resumeAsked(run, T0), "resuming a run not paused changes nothing");
    }

    @Test
    void anAnswerWhilePausedIsRecordedButNothingStartsUntilResumed() {
        RunState run =
                state(new TestGraph().node("Ask", "human").node("After", "t").edge("Ask", "After"));
        asks(run, started(run, "Ask"), null);
        assertEquals(
                List.of("run:PAUSED", "event:workflow_paused", "paused"), describe(interventions.pauseAsked(run, T0)));

        List<String> answered =
                describe(interventions.answered(run, idOf("Ask"), 1, ANSWER, Routes.DEFAULT, T0.plusSeconds(1)));

        assertEquals(List.of("resumed", "step:Ask#1:SUCCESS", "event:node_completed:Ask:default", "paused"), answered);
        assertEquals(RunStatus.PAUSED, run.status());
        List<String> resumed = describe(interventions.resumeAsked(run, T0.plusSeconds(2)));
        assertTrue(resumed.contains("execute:After#1"), resumed.toString());
    }

    @Test
    void aPausedRunBroughtBackFromTheDatabaseStartsNothing() {
        RunState run = state(new TestGraph().node("A", "t").node("B", "t").edge("A", "B"));
        run.row(run.row().withStatus(RunStatus.PAUSED, T0));
        StepRow aDone = StepRow.running(new StepRow.Identity("run-1", idOf("A"), "A", "t", 1, 1), "{}", T0)
                .withSuccess(Routes.DEFAULT, "{}", T0);

        List<String> effects =
                describe(starts.start(run, List.of(node(run, "A")), Map.of(idOf("A"), aDone), Set.of(), T0));

        assertEquals(List.of("run:PAUSED", "paused"), effects);
        assertTrue(run.hasQueued(), "B waits for the resume");
    }

    // ----- helpers -----------------------------------------------------------------------------

    private Attempt started(RunState run, String name) {
        return executed(starts.start(run, List.of(node(run, name)), Map.of(), Set.of(), T0))
                .get(0);
    }

    private Attempt finishTo(RunState run, Attempt attempt, String output, String next) {
        return executed(decisions.attemptEnded(run, attempt, succeeded(output, Routes.DEFAULT), T0)).stream()
                .filter(begun -> begun.node().name().equals(next))
                .findFirst()
                .orElseThrow();
    }

    private List<Effect> asks(RunState run, Attempt attempt, Instant timeoutAt) {
        return decisions.attemptEnded(
                run, attempt, new AttemptResult.Succeeded(NodeOutcome.awaitAnswer(REQUEST, timeoutAt, "timeout")), T0);
    }

    private static RunEvent event(List<Effect> effects, EventType type) {
        return effects.stream()
                .filter(Effect.Record.class::isInstance)
                .map(effect -> ((Effect.Record) effect).entry())
                .filter(JournalEntry.Announcement.class::isInstance)
                .map(entry -> ((JournalEntry.Announcement) entry).event())
                .filter(event -> event.type() == type)
                .findFirst()
                .orElseThrow();
    }
}
