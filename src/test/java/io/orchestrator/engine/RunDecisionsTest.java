package io.orchestrator.engine;

import static io.orchestrator.engine.TestGraph.idOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.journal.JournalEntry;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.SessionRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.JsonText;
import io.orchestrator.workflow.NodeSettings;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The run's rules as plain decisions: a state and a fact in, effects out. No thread, no clock, no
 * database; each effect is written as a short word so that a test reads as the sequence it expects.
 */
class RunDecisionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final JsonValue INPUT = JsonText.parse("{\"amount\":5}");

    private final RunDecisions decisions = new RunDecisions(MergeLike.KEY::equals);
    private final RunStart starts = new RunStart(decisions);

    /** A stand-in for a join's type key: the decisions only ask whether a type takes its inputs by name. */
    private static final class MergeLike {
        static final String KEY = "join";
    }

    @Test
    void aNewRunRecordsItsRowAnnouncesItsStartAndBeginsItsStartNode() {
        RunState run =
                state(new TestGraph().node("Start", "t").node("Next", "t").edge("Start", "Next"));

        List<String> effects = describe(starts.start(run, List.of(node(run, "Start")), Map.of(), Set.of(), T0));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "event:workflow_started",
                        "step:Start#1:RUNNING",
                        "event:node_started:Start",
                        "execute:Start#1"),
                effects);
        assertEquals(1, run.running());
    }

    @Test
    void aCompletedNodeBeginsTheNextOneWithItsOutputAsInput() {
        RunState run =
                state(new TestGraph().node("Start", "t").node("Next", "t").edge("Start", "Next"));
        Attempt start = started(run, "Start");

        List<Effect> effects = decisions.attemptEnded(run, start, succeeded("{\"x\":1}", Routes.DEFAULT), T0);

        assertEquals(
                List.of(
                        "step:Start#1:SUCCESS",
                        "event:node_completed:Start:default",
                        "step:Next#1:RUNNING",
                        "event:node_started:Next",
                        "execute:Next#1"),
                describe(effects));
        assertEquals(JsonText.parse("{\"x\":1}"), executed(effects).get(0).input());
    }

    @Test
    void theLastNodeEndsTheRunWithItsOutputAsTheResult() {
        RunState run = state(new TestGraph().node("Start", "t"));
        Attempt start = started(run, "Start");

        List<Effect> effects = decisions.attemptEnded(run, start, succeeded("{\"done\":true}", Routes.DEFAULT), T0);

        assertEquals(
                List.of(
                        "step:Start#1:SUCCESS",
                        "event:node_completed:Start:default",
                        "run:SUCCESS",
                        "event:workflow_completed",
                        "ended"),
                describe(effects));
        assertEquals("{\"done\":true}", run.row().output());
        assertEquals(T0, run.row().finishedAt());
    }

    @Test
    void aRouteNotTakenSkipsItsBranchAndAJoinAfterItRunsOnTheOtherBranchAlone() {
        RunState run = state(new TestGraph()
                .node("Check", "t")
                .node("Yes", "t")
                .node("No", "t")
                .node("Join", "t")
                .edge("Check", "true", "Yes")
                .edge("Check", "false", "No")
                .edge("Yes", "Join")
                .edge("No", "Join"));
        Attempt check = started(run, "Check");

        List<String> effects = describe(decisions.attemptEnded(run, check, succeeded("{}", "true"), T0));

        assertEquals(
                List.of(
                        "step:Check#1:SUCCESS",
                        "event:node_completed:Check:true",
                        "step:No#1:SKIPPED",
                        "event:node_skipped:No",
                        "step:Yes#1:RUNNING",
                        "event:node_started:Yes",
                        "execute:Yes#1"),
                effects);
    }

    @Test
    void aJoinTakesItsOneArrivedBranchByNameOtherNodesTakeItAsItIs() {
        RunState run = state(new TestGraph()
                .node("Check", "t")
                .node("Yes", "t")
                .node("No", "t")
                .node("Join", MergeLike.KEY)
                .edge("Check", "true", "Yes")
                .edge("Check", "false", "No")
                .edge("Yes", "Join")
                .edge("No", "Join"));
        Attempt yes = finishTo(run, started(run, "Check"), "{}", "true", "Yes");

        List<Effect> effects = decisions.attemptEnded(run, yes, succeeded("[1]", Routes.DEFAULT), T0);

        assertEquals(JsonText.parse("{\"Yes\":[1]}"), executed(effects).get(0).input());
        assertEquals(JsonText.parse("{}"), yes.input(), "Yes got Check's output as it is");
    }

    @Test
    void theConcurrencyLimitBeginsNoMoreAttemptsThanItAllows() {
        RunState run = state(new TestGraph()
                .concurrencyLimit(1)
                .node("Start", "t")
                .node("A", "t")
                .node("B", "t")
                .edge("Start", "A")
                .edge("Start", "B"));
        Attempt start = started(run, "Start");

        List<Effect> effects = decisions.attemptEnded(run, start, succeeded("{}", Routes.DEFAULT), T0);

        assertEquals(1, executed(effects).size());
        assertEquals(1, run.running());
        assertTrue(run.hasQueued());
    }

    @Test
    void aWaitPausesTheRunAndIsScheduledNoLaterThanTheRunsDeadline() {
        RunState run = state(new TestGraph()
                .executionTimeoutSeconds(60)
                .node("Pause", "t")
                .node("After", "t")
                .edge("Pause", "After"));
        Attempt pause = started(run, "Pause");
        Instant inAnHour = T0.plusSeconds(3600);

        List<Effect> effects = decisions.attemptEnded(
                run,
                pause,
                new AttemptResult.Succeeded(NodeOutcome.waitUntil(JsonText.parse("{\"w\":1}"), inAnHour)),
                T0);

        assertEquals(
                List.of(
                        "step:Pause#1:WAITING",
                        "event:node_waiting:Pause",
                        "wake:Pause#1@" + T0.plusSeconds(60),
                        "run:WAITING",
                        "event:workflow_waiting",
                        "paused"),
                describe(effects));
        assertEquals(inAnHour, run.step(idOf("Pause")).wakeAt(), "the row keeps the wait's own end");
    }

    @Test
    void aWakeUpCompletesTheWaitWithItsStoredOutputAndTheRunGoesOn() {
        RunState run =
                state(new TestGraph().node("Pause", "t").node("After", "t").edge("Pause", "After"));
        decisions.attemptEnded(
                run,
                started(run, "Pause"),
                new AttemptResult.Succeeded(NodeOutcome.waitUntil(JsonText.parse("{\"w\":1}"), T0.plusSeconds(5))),
                T0);

        List<Effect> effects = decisions.woke(run, idOf("Pause"), 1, T0.plusSeconds(5));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "resumed",
                        "step:Pause#1:SUCCESS",
                        "event:node_completed:Pause:default",
                        "step:After#1:RUNNING",
                        "event:node_started:After",
                        "execute:After#1"),
                describe(effects));
        assertEquals(JsonText.parse("{\"w\":1}"), executed(effects).get(0).input());
        assertEquals(
                List.of(), decisions.woke(run, idOf("Pause"), 1, T0.plusSeconds(6)), "a second wake-up is ignored");
    }

    @Test
    void aWakeUpAtTheDeadlineFailsTheRunAndRevokesTheWait() {
        RunState run = state(new TestGraph()
                .executionTimeoutSeconds(60)
                .node("Pause", "t")
                .node("After", "t")
                .edge("Pause", "After"));
        decisions.attemptEnded(
                run,
                started(run, "Pause"),
                new AttemptResult.Succeeded(NodeOutcome.waitUntil(JsonValue.EMPTY_JSON_OBJECT, T0.plusSeconds(3600))),
                T0);

        List<String> effects = describe(decisions.woke(run, idOf("Pause"), 1, T0.plusSeconds(60)));

        assertEquals(
                List.of(
                        "step:Pause#1:REVOKED",
                        "step:After#1:SKIPPED",
                        "event:node_skipped:After",
                        "interrupt",
                        "run:FAILURE",
                        "event:workflow_failed",
                        "ended",
                        "forget"),
                effects);
        assertTrue(
                run.row().error().contains("execution timeout of 60 s"),
                run.row().error());
    }

    @Test
    void aFailureWithRetriesLeftSchedulesTheNextAttemptAfterTheBackoff() {
        RunState run = state(new TestGraph().node("Flaky", "t", "{}", new NodeSettings(false, 3, 1000, 2.0, null)));
        Attempt first = started(run, "Flaky");
        decisions.attemptEnded(run, first, failed("http"), T0);
        Attempt second = executed(decisions.retryDue(run, idOf("Flaky"), 2, T0.plusSeconds(1)))
                .get(0);

        List<String> effects = describe(decisions.attemptEnded(run, second, failed("http"), T0.plusSeconds(2)));

        assertEquals(
                List.of(
                        "step:Flaky#2:FAILURE",
                        "retry:Flaky#3@" + T0.plusSeconds(4),
                        "run:WAITING",
                        "event:workflow_waiting",
                        "paused"),
                effects,
                "the second delay is 1 s × 2");
        assertEquals(2, second.number());
    }

    @Test
    void anExhaustedNodeWithAnErrorRouteTakesItWithTheFailureAsOutput() {
        RunState run =
                state(new TestGraph().node("Call", "t").node("Handle", "t").edge("Call", Routes.ERROR, "Handle"));

        List<Effect> effects = decisions.attemptEnded(run, started(run, "Call"), failed("http"), T0);

        assertEquals(
                List.of(
                        "step:Call#1:FAILURE",
                        "event:node_failed:Call:error",
                        "step:Handle#1:RUNNING",
                        "event:node_started:Handle",
                        "execute:Handle#1"),
                describe(effects));
        assertEquals("http", executed(effects).get(0).input().asJsonObject().getString("error_type"));
    }

    @Test
    void anExhaustedNodeWithoutAnErrorRouteFailsTheRunAndInterruptsWhatStillRuns() {
        RunState run = state(new TestGraph()
                .node("Start", "t")
                .node("A", "t")
                .node("B", "t")
                .node("AfterB", "t")
                .edge("Start", "A")
                .edge("Start", "B")
                .edge("B", "AfterB"));
        decisions.attemptEnded(run, started(run, "Start"), succeeded("{}", Routes.DEFAULT), T0);
        Attempt a = new Attempt(node(run, "A"), 1, JsonValue.EMPTY_JSON_OBJECT);

        List<String> effects = describe(decisions.attemptEnded(run, a, failed("http"), T0));

        assertEquals(
                List.of(
                        "step:A#1:FAILURE",
                        "event:node_failed:A",
                        "step:B#1:REVOKED",
                        "step:AfterB#1:SKIPPED",
                        "event:node_skipped:AfterB",
                        "interrupt",
                        "run:FAILURE",
                        "event:workflow_failed",
                        "ended"),
                effects);
        assertEquals("Node 'A' failed: boom", run.row().error());
        assertEquals(
                List.of(),
                decisions.attemptEnded(
                        run, new Attempt(node(run, "B"), 1, JsonValue.NULL), succeeded("{}", Routes.DEFAULT), T0),
                "an attempt that ends after the run ended changes nothing");
    }

    @Test
    void aStopRevokesTheRunOnceAndVoidsItsSchedules() {
        RunState run = state(new TestGraph().node("Slow", "t"));
        started(run, "Slow");

        assertEquals(
                List.of("step:Slow#1:REVOKED", "interrupt", "run:REVOKED", "event:workflow_revoked", "ended", "forget"),
                describe(decisions.stopAsked(run, T0)));
        assertEquals(List.of(), decisions.stopAsked(run, T0), "stopping again changes nothing");
    }

    @Test
    void aWorkflowKeepingNoExecutionsDropsTheRunsNodeRowsAtItsEnd() {
        RunState run = state(new TestGraph().keepExecutions("none").node("Start", "t"));

        List<String> effects =
                describe(decisions.attemptEnded(run, started(run, "Start"), succeeded("{}", "default"), T0));

        assertEquals(
                List.of(
                        "event:node_completed:Start:default",
                        "drop-history",
                        "run:SUCCESS",
                        "event:workflow_completed",
                        "ended"),
                effects);
    }

    @Test
    void aResumedRunKeepsWhatCompletedAndRunsTheCutAttemptAgain() {
        RunState run =
                state(new TestGraph().node("Start", "t").node("Call", "t").edge("Start", "Call"));
        Map<String, StepRow> earlier = Map.of(
                idOf("Start"),
                        StepRow.running(identity("Start", 1, 1), "{}", T0).withSuccess("default", "{\"s\":1}", T0),
                idOf("Call"), StepRow.running(identity("Call", 1, 2), "{\"s\":1}", T0));

        List<Effect> effects = starts.start(run, List.of(node(run, "Start")), earlier, Set.of(), T0.plusSeconds(9));

        assertEquals(
                List.of(
                        "run:STARTED",
                        "step:Call#1:FAILURE",
                        "step:Call#2:RUNNING",
                        "event:node_started:Call",
                        "execute:Call#2"),
                describe(effects));
        StepRow cut = effects.stream()
                .filter(Effect.Record.class::isInstance)
                .map(e -> ((Effect.Record) e).entry())
                .filter(StepRow.class::isInstance)
                .map(StepRow.class::cast)
                .findFirst()
                .orElseThrow();
        assertEquals("interrupted", cut.errorType());
        assertEquals(3, run.step(idOf("Call")).seq(), "new rows come after the earlier ones");
        assertEquals(JsonText.parse("{\"s\":1}"), executed(effects).get(0).input());
    }

    @Test
    void aSessionChangedByANodeIsRecordedWithItsStep() {
        RunState run = state(new TestGraph().node("Set", "t"));
        Attempt set = started(run, "Set");
        run.session().putVariables(JsonText.parse("{\"k\":1}").asJsonObject());

        List<Effect> effects = decisions.attemptEnded(run, set, succeeded("{}", Routes.DEFAULT), T0);

        assertTrue(effects.stream()
                .anyMatch(effect -> effect instanceof Effect.Record record
                        && record.entry() instanceof SessionRow session
                        && session.variables().equals("{\"k\":1}")));
    }

    // ----- helpers -----------------------------------------------------------------------------

    static RunState state(TestGraph graph) {
        GraphSnapshot snapshot = graph.build();
        RunRow row = RunRow.created(
                "run-1",
                snapshot.workflowId(),
                snapshot.version(),
                RunStatus.STARTED,
                TriggerType.MANUAL,
                INPUT.toString(),
                "run-1",
                null,
                null,
                null,
                "server-1",
                T0);
        return new RunState(row, snapshot, LiveSession.empty("run-1", SessionOwner.production("default")), INPUT);
    }

    static GraphSnapshot.Node node(RunState run, String name) {
        return run.graph().nodeNamed(name);
    }

    private static StepRow.Identity identity(String name, int attempt, int seq) {
        return new StepRow.Identity("run-1", idOf(name), name, "t", attempt, seq);
    }

    /** Starts the run at the named node and returns that node's first attempt. */
    private Attempt started(RunState run, String name) {
        return executed(starts.start(run, List.of(node(run, name)), Map.of(), Set.of(), T0))
                .get(0);
    }

    /** Ends an attempt and returns the begun attempt of the named node. */
    private Attempt finishTo(RunState run, Attempt attempt, String output, String route, String next) {
        return executed(decisions.attemptEnded(run, attempt, succeeded(output, route), T0)).stream()
                .filter(begun -> begun.node().name().equals(next))
                .findFirst()
                .orElseThrow();
    }

    static AttemptResult succeeded(String output, String route) {
        return new AttemptResult.Succeeded(NodeOutcome.routed(JsonText.parse(output), route));
    }

    private static AttemptResult failed(String type) {
        return new AttemptResult.Failed(
                new NodeFailure(ErrorType.valueOf(type.toUpperCase(java.util.Locale.ROOT)), "boom"));
    }

    static List<Attempt> executed(List<Effect> effects) {
        return effects.stream()
                .filter(Effect.Execute.class::isInstance)
                .map(e -> ((Effect.Execute) e).attempt())
                .toList();
    }

    static List<String> describe(List<Effect> effects) {
        List<String> words = new ArrayList<>();
        for (Effect effect : effects) {
            if (effect instanceof Effect.Record record) {
                JournalEntry entry = record.entry();
                if (entry instanceof RunRow row) {
                    words.add("run:" + row.status());
                } else if (entry instanceof StepRow step) {
                    words.add("step:" + step.nodeName() + "#" + step.attempt() + ":" + step.status());
                } else if (entry instanceof JournalEntry.Announcement announcement) {
                    RunEvent event = announcement.event();
                    words.add("event:" + event.type().wireName()
                            + (event.nodeName() == null ? "" : ":" + event.nodeName())
                            + (event.route() == null ? "" : ":" + event.route()));
                } else if (!(entry instanceof SessionRow)) {
                    words.add("entry:" + entry);
                }
            } else if (effect instanceof Effect.Execute execute) {
                words.add("execute:" + execute.attempt().node().name() + "#"
                        + execute.attempt().number());
            } else if (effect instanceof Effect.ScheduleWake wake) {
                words.add("wake:" + wake.nodeId().substring(3) + "#" + wake.attempt() + "@" + wake.at());
            } else if (effect instanceof Effect.ScheduleRetry retry) {
                words.add("retry:" + retry.nodeId().substring(3) + "#" + retry.attempt() + "@" + retry.at());
            } else {
                words.add(
                        switch (effect.getClass().getSimpleName()) {
                            case "ForgetSchedules" -> "forget";
                            case "InterruptRunning" -> "interrupt";
                            case "DropHistory" -> "drop-history";
                            default -> effect.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
                        });
            }
        }
        return words;
    }
}
