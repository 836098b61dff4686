package io.orchestrator.engine;

import static io.orchestrator.engine.EngineHarness.earlierStep;
import static io.orchestrator.engine.EngineHarness.finished;
import static io.orchestrator.engine.TestGraph.idOf;
import static io.orchestrator.testing.JsonLiterals.json;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.EngineHarness.ScheduledCall;
import io.orchestrator.engine.TestNodeTypes.Boom;
import io.orchestrator.engine.TestNodeTypes.Broken;
import io.orchestrator.engine.TestNodeTypes.Echo;
import io.orchestrator.engine.TestNodeTypes.Flaky;
import io.orchestrator.engine.TestNodeTypes.Pause;
import io.orchestrator.engine.TestNodeTypes.Route;
import io.orchestrator.engine.TestNodeTypes.Slow;
import io.orchestrator.engine.journal.HistoryPurge;
import io.orchestrator.engine.journal.JournalEntry;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.platform.JsonText;
import io.orchestrator.workflow.NodeSettings;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real engine, driven through test node types, with a journal that is durable at once. */
class RunEngineTest {

    private static final JsonValue INPUT = json("{'order': 7}");

    private final Echo echo = new Echo();
    private final Route route = new Route();
    private final Flaky flaky = new Flaky(2);
    private final Boom boom = new Boom();
    private final Slow slow = new Slow();
    private final Pause pause = new Pause();
    private final Broken broken = new Broken();
    private final List<EngineHarness> harnesses = new ArrayList<>();
    private EngineHarness harness;

    @BeforeEach
    void startEngine() {
        harness = engineWith(4);
    }

    @AfterEach
    void stopEngines() {
        harnesses.forEach(EngineHarness::close);
    }

    private EngineHarness engineWith(int workerThreads) {
        EngineHarness started = new EngineHarness(workerThreads, echo, route, flaky, boom, slow, pause, broken);
        harnesses.add(started);
        return started;
    }

    private LiveRun run(TestGraph graph, String startNode) {
        return harness.launch(graph.build(), INPUT, true, startNode);
    }

    private static NodeSettings retries(int maxAttempts, long delayMs) {
        return new NodeSettings(false, maxAttempts, delayMs, 2.0, null);
    }

    private RunRow lastRow(LiveRun run) {
        return harness.lastRunRow(run);
    }

    private JsonValue inputOf(LiveRun run, String node) {
        return JsonText.parse(harness.lastStep(run, node).input());
    }

    private JsonValue outputOf(LiveRun run, String node) {
        return JsonText.parse(harness.lastStep(run, node).output());
    }

    /**
     * workflow_started first and the given end event last (once); per node, node_started before
     * any outcome event; a skipped node has no other event and a SKIPPED row.
     */
    private void assertEventsInOrder(LiveRun run, String endEvent) {
        List<RunEvent> events = harness.events(run);
        assertEquals(
                "workflow_started", events.get(0).type().wireName(), () -> "first event of " + harness.eventTypes(run));
        assertEquals(
                endEvent,
                events.get(events.size() - 1).type().wireName(),
                () -> "last event of " + harness.eventTypes(run));
        assertEquals(
                1,
                events.stream()
                        .filter(event -> event.type().wireName().equals("workflow_started"))
                        .count());
        assertEquals(
                1,
                events.stream()
                        .filter(event -> event.type().wireName().equals(endEvent))
                        .count());
        Set<String> started = new HashSet<>();
        Set<String> skipped = new HashSet<>();
        for (RunEvent event : events) {
            String node = event.nodeName();
            if (node == null) {
                continue;
            }
            assertEquals(idOf(node), event.nodeId());
            assertFalse(
                    skipped.contains(node),
                    () -> node + " has events after node_skipped: " + harness.eventsOf(run, node));
            switch (event.type().wireName()) {
                case "node_started" -> started.add(node);
                case "node_completed", "node_failed", "node_waiting" ->
                    assertTrue(
                            started.contains(node),
                            () -> event.type().wireName() + " of " + node + " before node_started: "
                                    + harness.eventTypes(run));
                case "node_skipped" -> {
                    assertFalse(started.contains(node), () -> node + " skipped after it started");
                    assertEquals(StepStatus.SKIPPED, harness.lastStep(run, node).status());
                    skipped.add(node);
                }
                default ->
                    throw new AssertionError(
                            "Unexpected node event " + event.type().wireName());
            }
        }
    }

    // ----- branches and joins -----------------------------------------------------------------

    @Test
    void aBranchRunsOnlyTheTakenRouteAndItsJoinThenTheRunSucceeds() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Check", "route", "{'route': 'true'}")
                        .node("Yes", "echo", "{'output': {'said': 'yes'}}")
                        .node("No", "echo")
                        .node("Join", "echo")
                        .node("End", "echo")
                        .edge("Start", "Check")
                        .edge("Check", "true", "Yes")
                        .edge("Check", "false", "No")
                        .edge("Yes", "Join")
                        .edge("No", "Join")
                        .edge("Join", "End"),
                "Start");

        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        RunRow row = lastRow(run);
        assertEquals(RunStatus.SUCCESS, row.status());
        assertEquals(object("{'said': 'yes'}"), JsonText.parse(row.output()));
        assertNotNull(row.finishedAt());
        assertEquals(List.of("node_started", "node_completed:true"), harness.eventsOf(run, "Check"));
        assertEquals(List.of("node_started", "node_completed:default"), harness.eventsOf(run, "Join"));
        assertEquals(List.of("node_skipped"), harness.eventsOf(run, "No"));
        assertEquals(StepStatus.SKIPPED, harness.lastStep(run, "No").status());
        assertEquals("true", harness.lastStep(run, "Check").route());
        assertEquals(INPUT, inputOf(run, "Check"));
        assertEquals(object("{'said': 'yes'}"), inputOf(run, "Join"), "the join sees only the taken branch");
        assertEquals(List.of("Start", "Check", "Yes", "Join", "End"), allCalls());
        for (String node : List.of("Start", "Check", "Yes", "Join", "End")) {
            assertEquals(List.of(StepStatus.SUCCESS), harness.attemptStatuses(run, node), node);
        }
        assertEventsInOrder(run, "workflow_completed");
        assertTrue(harness.engine.live(run.id()).isEmpty(), "a finished run is no longer held");
    }

    @Test
    void aJoinOfTwoTakenEdgesGetsItsInputKeyedBySourceName() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Left", "echo", "{'output': 'L'}")
                        .node("Right", "echo", "{'output': 'R'}")
                        .node("Join", "echo")
                        .edge("Start", "Left")
                        .edge("Start", "Right")
                        .edge("Right", "Join")
                        .edge("Left", "Join"),
                "Start");

        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(object("{'Right': 'R', 'Left': 'L'}"), inputOf(run, "Join"));
        assertEquals(
                object("{'Right': 'R', 'Left': 'L'}"),
                JsonText.parse(lastRow(run).output()));
        assertEquals(1, echo.callCount("Join"));
        assertEventsInOrder(run, "workflow_completed");
    }

    @Test
    void aJoinWhoseInputsAreAllDeadIsSkippedAndTheRunStillSucceeds() {
        LiveRun run = run(
                new TestGraph()
                        .node("Check", "route", "{'route': 'false'}")
                        .node("Left", "echo")
                        .node("Right", "echo")
                        .node("Join", "echo")
                        .node("After", "echo")
                        .edge("Check", "true", "Left")
                        .edge("Check", "true", "Right")
                        .edge("Left", "Join")
                        .edge("Right", "Join")
                        .edge("Join", "After"),
                "Check");

        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        for (String node : List.of("Left", "Right", "Join", "After")) {
            assertEquals(List.of("node_skipped"), harness.eventsOf(run, node), node);
            assertEquals(StepStatus.SKIPPED, harness.lastStep(run, node).status(), node);
        }
        assertEquals(List.of("Check"), allCalls());
        assertEquals(INPUT, JsonText.parse(lastRow(run).output()), "the run's output is the last completed node's");
        assertEventsInOrder(run, "workflow_completed");
    }

    @Test
    void otherEntryNodesThanTheStartNodeAreSkipped() {
        LiveRun run = run(
                new TestGraph()
                        .node("Manual", "echo")
                        .node("Webhook", "echo")
                        .node("AfterWebhook", "echo")
                        .node("Join", "echo")
                        .edge("Webhook", "AfterWebhook")
                        .edge("Manual", "Join")
                        .edge("AfterWebhook", "Join"),
                "Manual");

        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(List.of("Manual", "Join"), allCalls());
        assertEquals(StepStatus.SKIPPED, harness.lastStep(run, "Webhook").status());
        assertEquals(StepStatus.SKIPPED, harness.lastStep(run, "AfterWebhook").status());
        assertEquals(INPUT, inputOf(run, "Join"));
        assertEventsInOrder(run, "workflow_completed");
    }

    // ----- concurrency ------------------------------------------------------------------------

    @Test
    void parallelBranchesRunAtTheSameTime() {
        slow.rendezvous = new CountDownLatch(2);
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("SlowA", "slow", "{'ms': 0}")
                        .node("SlowB", "slow", "{'ms': 0}")
                        .node("Join", "echo")
                        .edge("Start", "SlowA")
                        .edge("Start", "SlowB")
                        .edge("SlowA", "Join")
                        .edge("SlowB", "Join"),
                "Start");

        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status(), run::error);
        assertEquals(2, slow.maxActive.get());
        assertEquals(object("{'SlowA': {'order': 7}, 'SlowB': {'order': 7}}"), inputOf(run, "Join"));
        assertEventsInOrder(run, "workflow_completed");
    }

    @Test
    void aConcurrencyLimitOfOneRunsParallelBranchesOneAfterTheOther() {
        LiveRun run = run(
                new TestGraph()
                        .concurrencyLimit(1)
                        .node("Start", "echo")
                        .node("SlowA", "slow", "{'ms': 30}")
                        .node("SlowB", "slow", "{'ms': 30}")
                        .node("SlowC", "slow", "{'ms': 30}")
                        .edge("Start", "SlowA")
                        .edge("Start", "SlowB")
                        .edge("Start", "SlowC"),
                "Start");

        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status(), run::error);
        assertEquals(1, slow.maxActive.get());
        assertEquals(3, slow.calls.size());
        List<StepRow> done = List.of("SlowA", "SlowB", "SlowC").stream()
                .map(node -> harness.lastStep(run, node))
                .sorted(java.util.Comparator.comparing(StepRow::startedAt))
                .toList();
        for (int i = 1; i < done.size(); i++) {
            assertFalse(
                    done.get(i).startedAt().isBefore(done.get(i - 1).finishedAt()),
                    "a node started before the previous one finished");
        }
        assertEventsInOrder(run, "workflow_completed");
    }

    // ----- retries and errors -----------------------------------------------------------------

    @Test
    void aFailedNodeWithoutRetryDelayIsRetriedAtOnceUntilItSucceeds() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Flaky", "flaky", "{}", retries(3, 0))
                        .node("After", "echo")
                        .edge("Start", "Flaky")
                        .edge("Flaky", "After"),
                "Start");

        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(List.of(1, 2, 3), flaky.attemptNumbers);
        assertEquals(
                List.of(StepStatus.FAILURE, StepStatus.FAILURE, StepStatus.SUCCESS),
                harness.attemptStatuses(run, "Flaky"));
        List<StepRow> failures = harness.stepsOf(run, "Flaky").stream()
                .filter(step -> step.status() == StepStatus.FAILURE)
                .toList();
        assertEquals(
                List.of("Failure 1", "Failure 2"),
                failures.stream().map(StepRow::error).toList());
        assertEquals(
                List.of("connection", "connection"),
                failures.stream().map(StepRow::errorType).toList());
        assertTrue(failures.stream().allMatch(step -> step.route() == null), "a retried failure takes no route");
        assertEquals(INPUT, inputOf(run, "After"));
        assertTrue(harness.scheduler.of("retryAt").isEmpty());
        assertFalse(
                harness.eventsOf(run, "Flaky").contains("node_failed"), "a failure that is retried is no node_failed");
        assertEventsInOrder(run, "workflow_completed");
    }

    @Test
    void aRetryWithADelayPausesTheRunUntilTheSchedulerFiresItWithTheDelayGrowingByTheBackoff() {
        Instant before = Instant.now();
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Flaky", "flaky", "{}", retries(3, 60_000))
                        .node("After", "echo")
                        .edge("Start", "Flaky")
                        .edge("Flaky", "After"),
                "Start");
        Instant after = Instant.now();

        assertEquals(RunStatus.WAITING, run.status());
        assertEquals(RunStatus.WAITING, lastRow(run).status());
        assertEquals("workflow_waiting", last(harness.eventTypes(run)));
        assertRetryScheduled(run, 2, before.plusMillis(60_000), after.plusMillis(60_000));
        assertEquals(List.of(StepStatus.FAILURE), harness.attemptStatuses(run, "Flaky"));
        assertFalse(run.whenFinished().toCompletableFuture().isDone());

        harness.engine.retry(run, idOf("Flaky"), 3);
        assertEquals(1, flaky.attempts.get(), "a retry for another attempt is ignored");
        before = Instant.now();
        harness.engine.retry(run, idOf("Flaky"), 2);
        awaitCondition(() -> harness.scheduler.of("retryAt").size() == 2, "the second retry is scheduled");
        after = Instant.now();
        assertRetryScheduled(run, 3, before.plusMillis(120_000), after.plusMillis(120_000));
        awaitCondition(() -> run.status() == RunStatus.WAITING, "the run waits again");
        harness.engine.retry(run, idOf("Flaky"), 3);
        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(List.of(1, 2, 3), flaky.attemptNumbers);
        assertEquals(
                List.of(StepStatus.FAILURE, StepStatus.FAILURE, StepStatus.SUCCESS),
                harness.attemptStatuses(run, "Flaky"));
        assertEquals(List.of("Start", "After"), echo.calls);
        assertEquals(
                List.of(
                        RunStatus.STARTED,
                        RunStatus.WAITING,
                        RunStatus.STARTED,
                        RunStatus.WAITING,
                        RunStatus.STARTED,
                        RunStatus.SUCCESS),
                harness.runRows(run).stream().map(RunRow::status).toList());
        assertEventsInOrder(run, "workflow_completed");
    }

    private void assertRetryScheduled(LiveRun run, int attempt, Instant notBefore, Instant notAfter) {
        ScheduledCall retry = last(harness.scheduler.of("retryAt"));
        assertEquals(
                List.of(run.id(), idOf("Flaky"), attempt), List.of(retry.runId(), retry.nodeId(), retry.attempt()));
        assertFalse(retry.at().isBefore(notBefore), () -> retry.at() + " before " + notBefore);
        assertFalse(retry.at().isAfter(notAfter), () -> retry.at() + " after " + notAfter);
    }

    @Test
    void exhaustedRetriesTakeTheErrorRouteWithTheErrorAsOutput() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo", "{'output': {'id': 1}}")
                        .node("Boom", "boom", "{}", retries(2, 0))
                        .node("Handler", "echo")
                        .node("Next", "echo")
                        .edge("Start", "Boom")
                        .edge("Boom", "error", "Handler")
                        .edge("Boom", "Next"),
                "Start");

        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(2, boom.callCount("Boom"));
        JsonValue error =
                object("{'error': 'Boom!', 'error_type': 'http', 'details': {'status': 503}," + " 'input': {'id': 1}}");
        StepRow failed = harness.lastStep(run, "Boom");
        assertEquals(List.of(StepStatus.FAILURE, StepStatus.FAILURE), harness.attemptStatuses(run, "Boom"));
        assertEquals("error", failed.route());
        assertEquals(error, outputOf(run, "Boom"));
        assertEquals("http", failed.errorType());
        assertEquals(error, inputOf(run, "Handler"));
        assertEquals(List.of("node_skipped"), harness.eventsOf(run, "Next"));
        assertEquals(List.of("node_started", "node_started", "node_failed:error"), harness.eventsOf(run, "Boom"));
        assertEquals(
                "Boom!",
                harness.events(run).stream()
                        .filter(event -> event.type().wireName().equals("node_failed"))
                        .findFirst()
                        .orElseThrow()
                        .error());
        assertEquals(error, JsonText.parse(lastRow(run).output()));
        assertEventsInOrder(run, "workflow_completed");
    }

    @Test
    void aFailureWithoutAnErrorRouteFailsTheRunAndSkipsEveryNodeNotRun() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Boom", "boom")
                        .node("After", "echo")
                        .node("Last", "echo")
                        .node("Other", "echo")
                        .edge("Start", "Boom")
                        .edge("Boom", "After")
                        .edge("After", "Last")
                        .edge("Boom", "Other"),
                "Start");

        finished(run);

        assertEquals(RunStatus.FAILURE, run.status());
        RunRow row = lastRow(run);
        assertEquals(RunStatus.FAILURE, row.status());
        assertEquals("Node 'Boom' failed: Boom!", row.error());
        assertNull(row.output());
        assertEquals(List.of("Start"), echo.calls, "no node after the failed one ran");
        StepRow failed = harness.lastStep(run, "Boom");
        assertEquals(StepStatus.FAILURE, failed.status());
        assertNull(failed.route());
        assertEquals("http", failed.errorType());
        for (String node : List.of("After", "Last", "Other")) {
            assertEquals(List.of(StepStatus.SKIPPED), harness.attemptStatuses(run, node), node);
        }
        List<String> types = harness.eventTypes(run);
        assertTrue(types.indexOf("node_failed") < types.indexOf("workflow_failed"), types::toString);
        assertEquals("Node 'Boom' failed: Boom!", last(harness.events(run)).error());
        assertEquals(List.of("node_started", "node_failed"), harness.eventsOf(run, "Boom"));
        assertEventsInOrder(run, "workflow_failed");
    }

    @Test
    void aFailureInterruptsAParallelBranchStillRunning() throws Exception {
        boom.waitFor = slow.started;
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Boom", "boom")
                        .node("Slow", "slow")
                        .node("AfterSlow", "echo")
                        .edge("Start", "Boom")
                        .edge("Start", "Slow")
                        .edge("Slow", "AfterSlow"),
                "Start");

        finished(run);

        assertEquals(RunStatus.FAILURE, run.status());
        assertTrue(slow.interrupted.await(2, TimeUnit.SECONDS), "the running branch was interrupted");
        assertEquals(List.of(StepStatus.REVOKED), harness.attemptStatuses(run, "Slow"));
        assertEquals(List.of(StepStatus.SKIPPED), harness.attemptStatuses(run, "AfterSlow"));
        assertEquals(List.of("Start"), echo.calls);
        assertEventsInOrder(run, "workflow_failed");
    }

    @Test
    void aNodeBegunButNotYetExecutingWhenTheRunFailsNeverExecutes() throws Exception {
        // One worker thread, held by another run: the failing run's second branch is begun and
        // queued for that worker, and only gets it after the run has failed.
        harness = engineWith(1);
        LiveRun holder = harness.launch(new TestGraph().node("Hold", "slow").build(), INPUT, false, "Hold");
        assertTrue(slow.started.await(2, TimeUnit.SECONDS));
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Boom", "boom")
                        .node("Late", "echo")
                        .edge("Start", "Boom")
                        .edge("Start", "Late"),
                "Start");
        finished(run);
        assertEquals(RunStatus.FAILURE, run.status());

        harness.engine.stop(holder);
        finished(holder);
        // The single worker runs its queue in order: once this run is done, the queued branch was handled.
        LiveRun probe = harness.launch(new TestGraph().node("Probe", "echo").build(), INPUT, false, "Probe");
        finished(probe);

        assertEquals(List.of("Start", "Probe"), echo.calls, "a node of a failed run executed");
        assertEquals(StepStatus.REVOKED, harness.lastStep(run, "Late").status());
        assertEventsInOrder(run, "workflow_failed");
    }

    @Test
    void stoppingARunInterruptsItsRunningNodeAndStartsNothingMore() throws Exception {
        LiveRun run = harness.launch(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Slow", "slow")
                        .node("After", "echo")
                        .edge("Start", "Slow")
                        .edge("Slow", "After")
                        .build(),
                INPUT,
                false,
                "Start");
        assertTrue(slow.started.await(2, TimeUnit.SECONDS));

        assertEquals(RunStatus.REVOKED, harness.engine.stop(run));
        finished(run);

        assertTrue(slow.interrupted.await(2, TimeUnit.SECONDS), "the running node was interrupted");
        assertEquals(List.of("Slow"), slow.interruptedNodes);
        assertEquals(RunStatus.REVOKED, run.status());
        RunRow row = lastRow(run);
        assertEquals(RunStatus.REVOKED, row.status());
        assertEquals("Stopped by request.", row.error());
        assertNotNull(row.finishedAt());
        assertEquals(List.of(StepStatus.REVOKED), harness.attemptStatuses(run, "Slow"));
        assertEquals(List.of("Start"), echo.calls);
        assertFalse(harness.eventsOf(run, "After").contains("node_started"));
        assertEquals(List.of("node_started"), harness.eventsOf(run, "Slow"));
        assertEquals(RunStatus.REVOKED, harness.engine.stop(run), "stopping again changes nothing");
        assertEquals(
                1,
                harness.eventTypes(run).stream()
                        .filter("workflow_revoked"::equals)
                        .count());
        assertForgotten(run);
        assertEventsInOrder(run, "workflow_revoked");
    }

    // ----- waits ------------------------------------------------------------------------------

    @Test
    void aWaitPausesTheRunWithoutAThreadUntilTheSchedulerWakesIt() {
        Instant before = Instant.now();
        // An execution timeout past the hour's wait: the wake-up is the wait's own.
        LiveRun run = run(
                new TestGraph()
                        .executionTimeoutSeconds(7200)
                        .node("Start", "echo")
                        .node("Pause", "pause")
                        .node("After", "echo")
                        .edge("Start", "Pause")
                        .edge("Pause", "After"),
                "Start");
        Instant after = Instant.now();

        assertEquals(RunStatus.WAITING, run.status());
        assertEquals(RunStatus.WAITING, lastRow(run).status());
        StepRow waiting = harness.lastStep(run, "Pause");
        assertEquals(StepStatus.WAITING, waiting.status());
        assertEquals(INPUT, JsonText.parse(waiting.output()));
        assertNotNull(waiting.wakeAt());
        assertFalse(waiting.wakeAt().isBefore(before.plus(Pause.PAUSE)));
        assertFalse(waiting.wakeAt().isAfter(after.plus(Pause.PAUSE)));
        assertEquals(
                List.of(new ScheduledCall("wakeAt", run.id(), idOf("Pause"), 1, waiting.wakeAt())),
                harness.scheduler.of("wakeAt"));
        assertEquals(List.of("node_started", "node_waiting"), harness.eventsOf(run, "Pause"));
        assertEquals("workflow_waiting", last(harness.eventTypes(run)));
        assertTrue(harness.engine.live(run.id()).isEmpty(), "a waiting run is not held in memory");
        assertTrue(run.whenAnswered().toCompletableFuture().isDone());
        assertFalse(run.whenFinished().toCompletableFuture().isDone());
        assertEquals(List.of("Start"), echo.calls);

        harness.engine.wake(run, idOf("Pause"), 2);
        assertEquals(RunStatus.WAITING, run.status(), "a wake-up for another attempt is ignored");
        harness.engine.wake(run, idOf("Pause"), 1);
        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        StepRow woken = harness.lastStep(run, "Pause");
        assertEquals(StepStatus.SUCCESS, woken.status());
        assertEquals("default", woken.route());
        assertEquals(INPUT, inputOf(run, "After"));
        assertEquals(List.of("Start", "After"), echo.calls);
        assertEquals(List.of("node_started", "node_waiting", "node_completed:default"), harness.eventsOf(run, "Pause"));
        List<RunStatus> statuses =
                harness.runRows(run).stream().map(RunRow::status).toList();
        assertEquals(List.of(RunStatus.STARTED, RunStatus.WAITING, RunStatus.STARTED, RunStatus.SUCCESS), statuses);
        assertEventsInOrder(run, "workflow_completed");
    }

    // ----- node settings and defects ----------------------------------------------------------

    @Test
    void aNodeOfAnUnknownTypeFailsWithUnknownNodeType() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Ghost", "no-such-type")
                        .node("After", "echo")
                        .edge("Start", "Ghost")
                        .edge("Ghost", "After"),
                "Start");

        finished(run);

        assertEquals(RunStatus.FAILURE, run.status());
        StepRow ghost = harness.lastStep(run, "Ghost");
        assertEquals(StepStatus.FAILURE, ghost.status());
        assertEquals("unknown_node_type", ghost.errorType());
        assertEquals("This server has no node type 'no-such-type'.", ghost.error());
        assertEquals(List.of("node_started", "node_failed"), harness.eventsOf(run, "Ghost"));
        assertEquals(List.of("Start"), echo.calls);
        assertEventsInOrder(run, "workflow_failed");
    }

    @Test
    void aDisabledNodePassesItsInputThroughWithoutRunning() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo", "{'output': {'x': 1}}")
                        .node("Off", "boom", "{}", new NodeSettings(true, 1, 0, 1.0, null))
                        .node("After", "echo")
                        .edge("Start", "Off")
                        .edge("Off", "After"),
                "Start");

        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        assertTrue(boom.calls.isEmpty());
        assertEquals(StepStatus.SUCCESS, harness.lastStep(run, "Off").status());
        assertEquals(object("{'x': 1}"), outputOf(run, "Off"));
        assertEquals(object("{'x': 1}"), inputOf(run, "After"));
        assertEventsInOrder(run, "workflow_completed");
    }

    @Test
    void aComputingNodeThatOverrunsItsTimeoutFailsWithTimeoutToo() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node(
                                "Busy",
                                "broken",
                                "{'how': 'computes', 'ms': 400}",
                                new NodeSettings(false, 1, 0, 1.0, 100L))
                        .edge("Start", "Busy"),
                "Start");

        finished(run);

        StepRow timedOut = harness.lastStep(run, "Busy");
        assertEquals("timeout", timedOut.errorType());
        assertEquals("Node 'Busy' took longer than its timeout of 100 ms.", timedOut.error());
    }

    @Test
    void aBlockingNodeThatOverrunsItsTimeoutIsInterruptedAndFailsWithTimeout() throws Exception {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Slow", "slow", "{'ms': 10000}", new NodeSettings(false, 1, 0, 1.0, 100L))
                        .node("After", "echo")
                        .edge("Start", "Slow")
                        .edge("Slow", "After"),
                "Start");

        finished(run);

        assertTrue(slow.interrupted.await(1, TimeUnit.SECONDS));
        assertEquals(RunStatus.FAILURE, run.status());
        StepRow timedOut = harness.lastStep(run, "Slow");
        assertEquals(StepStatus.FAILURE, timedOut.status());
        assertEquals("timeout", timedOut.errorType());
        assertEquals("Node 'Slow' took longer than its timeout of 100 ms.", timedOut.error());
        assertEquals(List.of("Start"), echo.calls);
        assertEventsInOrder(run, "workflow_failed");
    }

    @Test
    void stoppingAWaitingRunRevokesTheWaitAndLaterWakeUpsAreIgnored() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Pause", "pause")
                        .node("After", "echo")
                        .edge("Start", "Pause")
                        .edge("Pause", "After"),
                "Start");
        assertEquals(RunStatus.WAITING, run.status());

        assertEquals(RunStatus.REVOKED, harness.engine.stop(run));
        finished(run);
        harness.engine.wake(run, idOf("Pause"), 1);

        assertEquals(RunStatus.REVOKED, run.status());
        assertEquals(List.of(StepStatus.REVOKED), harness.attemptStatuses(run, "Pause"));
        assertEquals(List.of(StepStatus.SKIPPED), harness.attemptStatuses(run, "After"));
        assertEquals(List.of("Start"), echo.calls);
        assertForgotten(run);
        assertEventsInOrder(run, "workflow_revoked");
    }

    @Test
    void aRunThatOutlivesItsExecutionTimeoutFailsAndItsRunningNodeIsRevoked() {
        LiveRun run = run(
                new TestGraph()
                        .executionTimeoutSeconds(1)
                        .node("Start", "echo")
                        .node("Sleep", "slow", "{'ms': 30000}")
                        .node("After", "echo")
                        .edge("Start", "Sleep")
                        .edge("Sleep", "After"),
                "Start");

        long started = System.nanoTime();
        finished(run);

        assertEquals(RunStatus.FAILURE, run.status());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4), "it ended at its timeout");
        assertTrue(
                lastRow(run).error().contains("execution timeout of 1 s"),
                lastRow(run).error());
        assertEquals(List.of(StepStatus.REVOKED), harness.attemptStatuses(run, "Sleep"));
        assertEquals(List.of(StepStatus.SKIPPED), harness.attemptStatuses(run, "After"));
        assertEquals("workflow_failed", last(harness.eventTypes(run)));
    }

    @Test
    void aWaitLongerThanTheExecutionTimeoutIsWokenAtTheTimeoutAndTheRunFailsThen() throws InterruptedException {
        Instant before = Instant.now();
        LiveRun run = run(
                new TestGraph()
                        .executionTimeoutSeconds(1)
                        .node("Start", "echo")
                        .node("Pause", "pause")
                        .node("After", "echo")
                        .edge("Start", "Pause")
                        .edge("Pause", "After"),
                "Start");
        assertEquals(RunStatus.WAITING, run.status());
        Instant scheduled = harness.scheduler.of("wakeAt").get(0).at();
        assertTrue(
                scheduled.isBefore(before.plusSeconds(2)),
                "woken at the 1 s timeout, not after the hour: " + scheduled);
        assertTrue(
                harness.lastStep(run, "Pause")
                        .wakeAt()
                        .isAfter(before.plus(Pause.PAUSE).minusSeconds(1)),
                "the wait itself still says when it would end");

        Thread.sleep(Duration.between(Instant.now(), scheduled).toMillis() + 50);
        harness.engine.wake(run, idOf("Pause"), 1);
        finished(run);

        assertEquals(RunStatus.FAILURE, run.status());
        assertTrue(
                lastRow(run).error().contains("execution timeout of 1 s"),
                lastRow(run).error());
        assertEquals(List.of(StepStatus.REVOKED), harness.attemptStatuses(run, "Pause"));
        assertEquals(List.of(StepStatus.SKIPPED), harness.attemptStatuses(run, "After"));
        assertEquals(List.of("Start"), echo.calls);
        assertForgotten(run);
        assertEquals("workflow_failed", last(harness.eventTypes(run)));
    }

    @Test
    void keepExecutionsDecidesWhichFinishedRunsKeepTheirNodeExecutions() {
        LiveRun quick = run(
                new TestGraph()
                        .keepExecutions("none")
                        .node("Start", "echo")
                        .node("Next", "echo")
                        .edge("Start", "Next"),
                "Start");
        LiveRun slow = run(
                new TestGraph()
                        .keepExecutions("none")
                        .node("Start", "echo")
                        .node("Sleep", "slow", "{'ms': 5}")
                        .edge("Start", "Sleep"),
                "Start");
        LiveRun succeeded = run(new TestGraph().keepExecutions("failed").node("Start", "echo"), "Start");
        LiveRun failed = run(
                new TestGraph()
                        .keepExecutions("failed")
                        .node("Start", "echo")
                        .node("Fail", "boom")
                        .edge("Start", "Fail"),
                "Start");
        List.of(quick, slow, succeeded, failed).forEach(EngineHarness::finished);

        assertEquals(
                List.of(), harness.stepsOf(quick, "Start"), "held rows of a run without history are never written");
        assertFalse(harness.journal.entries.contains(new HistoryPurge(quick.id())), "nothing to delete");
        assertEquals(RunStatus.SUCCESS, lastRow(quick).status());
        assertTrue(
                harness.journal.entries.contains(new HistoryPurge(slow.id())),
                "rows written before the node that may block are deleted at the end");
        assertEquals(List.of(), harness.stepsOf(succeeded, "Start"));
        assertEquals(List.of(StepStatus.FAILURE), harness.attemptStatuses(failed, "Fail"));
    }

    @Test
    void aChainOfQuickNodesIsHandedToTheJournalAtOnceAndANodeThatMayBlockIsAnnouncedBeforeItRuns() {
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("A", "echo")
                        .node("B", "echo")
                        .node("Sleep", "slow", "{'ms': 20}")
                        .node("C", "echo")
                        .edge("Start", "A")
                        .edge("A", "B")
                        .edge("B", "Sleep")
                        .edge("Sleep", "C"),
                "Start");

        finished(run);

        List<List<JournalEntry>> handOvers = harness.journal.handOvers.stream()
                .filter(batch -> batch.stream()
                        .anyMatch(entry ->
                                entry instanceof StepRow step && step.runId().equals(run.id())))
                .toList();
        assertEquals(2, handOvers.size(), handOvers::toString);
        List<String> first = eventNames(handOvers.get(0));
        assertEquals(
                List.of(
                        "workflow_started",
                        "node_started:Start",
                        "node_completed:Start",
                        "node_started:A",
                        "node_completed:A",
                        "node_started:B",
                        "node_completed:B",
                        "node_started:Sleep"),
                first);
        assertEquals(
                List.of("node_completed:Sleep", "node_started:C", "node_completed:C", "workflow_completed"),
                eventNames(handOvers.get(1)));
        assertEquals(RunStatus.SUCCESS, run.status());
    }

    private static List<String> eventNames(List<JournalEntry> batch) {
        return batch.stream()
                .filter(JournalEntry.Announcement.class::isInstance)
                .map(entry -> ((JournalEntry.Announcement) entry).event())
                .map(event -> event.nodeName() == null
                        ? event.type().wireName()
                        : event.type().wireName() + ":" + event.nodeName())
                .toList();
    }

    @Test
    void aDefectiveNodeTypeFailsItsNodeAsInternalAndNeverHangsTheRun() {
        for (String how : List.of("throws", "overflows", "no-outcome", "no-output", "no-route")) {
            LiveRun run = run(
                    new TestGraph()
                            .node("Start", "echo")
                            .node("Broken", "broken", "{'how': '" + how + "'}")
                            .node("After", "echo")
                            .edge("Start", "Broken")
                            .edge("Broken", "After"),
                    "Start");

            finished(run);

            assertEquals(RunStatus.FAILURE, run.status(), how);
            StepRow failed = harness.lastStep(run, "Broken");
            assertEquals(StepStatus.FAILURE, failed.status(), how);
            assertEquals("internal", failed.errorType(), how);
            assertFalse(
                    failed.error().contains("Exception")
                            || failed.error().contains("Error")
                            || failed.error().contains("java."),
                    "no Java class names for clients: " + failed.error());
            assertEquals(List.of(StepStatus.SKIPPED), harness.attemptStatuses(run, "After"), how);
            assertEventsInOrder(run, "workflow_failed");
        }
    }

    @Test
    void anEngineDefectWhileHandingEntriesToTheJournalFailsTheRunInsteadOfLeavingItUnderWayForever() {
        harness.journal.refuse = entry -> entry instanceof JournalEntry.Announcement announced
                && announced.event().type() == EventType.NODE_COMPLETED
                && "Middle".equals(announced.event().nodeName());
        // End may block, so Middle's completion is handed over before End runs: that is where it breaks.
        LiveRun run = run(
                new TestGraph()
                        .node("Start", "echo")
                        .node("Middle", "echo")
                        .node("End", "slow", "{'ms': 0}")
                        .edge("Start", "Middle")
                        .edge("Middle", "End"),
                "Start");

        finished(run);

        assertEquals(RunStatus.FAILURE, run.status());
        assertTrue(
                lastRow(run).error().startsWith("Internal error while running node 'End'"),
                lastRow(run).error());
        assertEquals(List.of("Start", "Middle"), echo.calls);
        assertEquals("workflow_failed", last(harness.eventTypes(run)));
        assertTrue(harness.engine.live(run.id()).isEmpty());
    }

    @Test
    void aResumedRunKeepsItsCompletedNodesAndRunsTheOneThatWasRunningAsANewAttempt() {
        GraphSnapshot graph = new TestGraph()
                .node("Start", "echo")
                .node("Middle", "echo")
                .node("End", "echo")
                .edge("Start", "Middle")
                .edge("Middle", "End")
                .build();
        LiveRun run = harness.newRun(graph, INPUT, "Start");
        Map<String, StepRow> earlier = Map.of(
                idOf("Start"), earlierStep(run, "Start", 1, 1, StepStatus.SUCCESS, json("{'kept': true}"), "default"),
                idOf("Middle"), earlierStep(run, "Middle", 1, 2, StepStatus.RUNNING, null, null));

        harness.engine.launch(run, List.of(graph.nodeNamed("Start")), earlier, Set.of(), true);
        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(List.of("Middle", "End"), echo.calls, "a completed node is not run again");
        assertTrue(harness.stepsOf(run, "Start").isEmpty());
        List<StepRow> middle = harness.stepsOf(run, "Middle");
        assertEquals(List.of(1, 2, 2), middle.stream().map(StepRow::attempt).toList());
        assertEquals(StepStatus.FAILURE, middle.get(0).status(), "the cut attempt is closed as failed");
        assertEquals("interrupted", middle.get(0).errorType());
        assertEquals(object("{'kept': true}"), inputOf(run, "Middle"));
        assertTrue(harness.lastStep(run, "Middle").seq() > 2);
        assertFalse(harness.eventTypes(run).contains("workflow_started"), "a resumed run does not start again");
        assertEquals("workflow_completed", last(harness.eventTypes(run)));
    }

    @Test
    void aResumedRunWithAWaitingNodeKeepsWaitingWithoutRunningItAgain() {
        GraphSnapshot graph = new TestGraph()
                .node("Start", "echo")
                .node("Pause", "pause")
                .node("After", "echo")
                .edge("Start", "Pause")
                .edge("Pause", "After")
                .build();
        LiveRun run = harness.newRun(graph, INPUT, "Start");
        Map<String, StepRow> earlier = Map.of(
                idOf("Start"), earlierStep(run, "Start", 1, 1, StepStatus.SUCCESS, INPUT, "default"),
                idOf("Pause"), earlierStep(run, "Pause", 1, 2, StepStatus.WAITING, json("{'paused': 1}"), null));

        harness.engine.launch(run, List.of(graph.nodeNamed("Start")), earlier, Set.of(), true);

        assertEquals(RunStatus.WAITING, run.status());
        assertTrue(pause.calls.isEmpty());
        assertTrue(harness.scheduler.of("wakeAt").isEmpty(), "its wake-up is still the durable one");
        harness.engine.wake(run, idOf("Pause"), 1);
        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(object("{'paused': 1}"), inputOf(run, "After"));
        assertEquals(List.of("After"), echo.calls);
    }

    @Test
    void aRewindRunsTheNodesFromItsPointAgainAsNewAttemptsOrderedAfterTheEarlierRows() {
        GraphSnapshot graph = new TestGraph()
                .node("A", "echo")
                .node("B", "echo", "{'output': 'again'}")
                .node("C", "echo")
                .edge("A", "B")
                .edge("B", "C")
                .build();
        LiveRun run = harness.newRun(graph, INPUT, "A");
        Map<String, StepRow> earlier = Map.of(
                idOf("A"), earlierStep(run, "A", 1, 1, StepStatus.SUCCESS, json("'a'"), "default"),
                idOf("B"), earlierStep(run, "B", 1, 2, StepStatus.SUCCESS, json("'b'"), "default"),
                idOf("C"), earlierStep(run, "C", 1, 3, StepStatus.SUCCESS, json("'c'"), "default"));

        harness.engine.launch(run, List.of(graph.nodeNamed("A")), earlier, Set.of(idOf("B"), idOf("C")), true);
        finished(run);

        assertEquals(RunStatus.SUCCESS, run.status());
        assertEquals(List.of("B", "C"), echo.calls);
        StepRow b = harness.lastStep(run, "B");
        StepRow c = harness.lastStep(run, "C");
        assertEquals(List.of(2, 2), List.of(b.attempt(), c.attempt()));
        assertEquals(json("'a'"), JsonText.parse(b.input()));
        assertEquals(json("'again'"), JsonText.parse(c.input()));
        assertTrue(b.seq() > 3, () -> "B's new attempt has seq " + b.seq() + ", not after C's earlier row (3)");
        assertTrue(c.seq() > b.seq());
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 2 s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    /** Forgetting a run's schedules is Quartz work, done on an engine thread once the run's end is written. */
    private void assertForgotten(LiveRun run) {
        awaitCondition(
                () -> harness.scheduler.of("forget").stream()
                        .anyMatch(call -> call.runId().equals(run.id())),
                "the run's wake-ups and retries forgotten");
    }

    private List<String> allCalls() {
        return harness.journal.entries.stream()
                .filter(JournalEntry.Announcement.class::isInstance)
                .map(entry -> ((JournalEntry.Announcement) entry).event())
                .filter(event -> event.type() == EventType.NODE_STARTED)
                .map(RunEvent::nodeName)
                .toList();
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
