package io.orchestrator.engine;

import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.HumanInputNode;
import io.orchestrator.nodes.human.HumanAnswer;
import io.orchestrator.nodes.human.HumanAnswers;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.platform.RequestBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * What people do to a run under way, over REST and the WebSocket alike: answer a node that waits
 * for them, pause the run, resume it. Each is acknowledged only once it is in the database.
 */
@ApplicationScoped
public class RunSteering {

    /** How long a caller waits for its change to be durable before it is told the server is too busy. */
    private static final long DURABLE_WITHIN_SECONDS = 10;
    /** How long a caller waits for the server that executes the run to do what it asked. */
    private static final Duration ON_OWNER = Duration.ofSeconds(DURABLE_WITHIN_SECONDS);

    @Inject
    RunEngine engine;

    @Inject
    RunLoader loader;

    @Inject
    RunRecords records;

    @Inject
    HumanAnswers answers;

    @Inject
    RunRequests requests;

    /** {@code POST /api/runs/{id}/resume/}: with a node_id it answers that node, without one it resumes a paused run. */
    public JsonObject resume(String runId, JsonObject body) {
        if (body != null && body.containsKey("node_id") && !body.isNull("node_id")) {
            return answer(runId, body);
        }
        RunRow row = stored(runId);
        if (row.status() != RunStatus.PAUSED) {
            throw notPaused(row);
        }
        Optional<JsonObject> forwarded =
                onOwner(row, RunRequests.Action.RESUME, stored -> stored.status() != RunStatus.PAUSED);
        if (forwarded.isPresent()) {
            return forwarded.get();
        }
        LiveRun run = underWay(row);
        settle(engine.decide(run, state -> engine.interventions().resumeAsked(state, Instant.now())), row);
        return answer(run, null);
    }

    /** {@code POST /api/runs/{id}/pause/}: nodes under way finish, nothing new starts. Pausing a paused run changes nothing. */
    public JsonObject pause(String runId) {
        RunRow row = stored(runId);
        if (row.status().isFinal()) {
            throw ApiException.conflict(
                    "The run has ended (" + row.status() + "); only a run under way can be paused.",
                    details(row, null));
        }
        Optional<JsonObject> forwarded =
                onOwner(row, RunRequests.Action.PAUSE, stored -> stored.status() != RunStatus.STARTED);
        if (forwarded.isPresent()) {
            return forwarded.get();
        }
        LiveRun run = underWay(row);
        settle(engine.decide(run, state -> engine.interventions().pauseAsked(state, Instant.now())), row);
        return answer(run, null);
    }

    /** A person's answer to a node waiting for one; see {@link HumanAnswers} for what makes it valid. */
    public JsonObject answer(String runId, JsonObject body) {
        RequestBody request = RequestBody.of(body);
        String nodeId = request.requiredText("node_id", 36);
        request.validate();
        RunRow row = stored(runId);
        if (row.status().isFinal()) {
            throw ApiException.conflict(
                    "The run has ended (" + row.status() + "); nothing in it waits for an answer.",
                    details(row, nodeId));
        }
        LiveRun run = underWay(row);
        StepRow step = engine.read(run, state -> RunInterventions.waiting(state, nodeId))
                .filter(waiting -> HumanInputNode.KEY.equals(waiting.nodeType()))
                .orElseThrow(() -> ApiException.conflict(
                        "Node " + nodeId + " of run " + runId + " is not waiting for an answer.",
                        details(row, nodeId)));
        HumanAnswer checked =
                answers.check(row.workflowId(), JsonText.parse(step.output()).asJsonObject(), body);
        CompletionStage<Boolean> done;
        if (checked.regenerates()) {
            if (engine.read(run, RunState::pausedByHand)) {
                throw ApiException.conflict(
                        "Run " + runId + " is PAUSED: resume it before asking for new candidates.",
                        details(row, nodeId));
            }
            if (engine.read(run, state -> engine.interventions().regenerationSource(state, nodeId))
                    .isEmpty()) {
                throw ApiException.validation(
                        "Nothing upstream can regenerate",
                        new FieldErrors().add("action", "No node upstream of this one can run again with feedback."));
            }
            done = engine.decide(
                    run,
                    state -> engine.interventions()
                            .regenerate(
                                    state,
                                    nodeId,
                                    step.attempt(),
                                    checked.output(),
                                    checked.feedback(),
                                    Instant.now()));
        } else {
            done = engine.decide(
                    run,
                    state -> engine.interventions()
                            .answered(state, nodeId, step.attempt(), checked.output(), checked.route(), Instant.now()));
        }
        if (!settle(done, row)) {
            throw ApiException.conflict(
                    "Node " + nodeId + " of run " + runId + " was answered or timed out meanwhile.",
                    details(row, nodeId));
        }
        return Jsonp.JSON
                .createObjectBuilder(answer(run, nodeId))
                .add("action", checked.action().wireName())
                .add("output", checked.output())
                .build();
    }

    /** A run of another workflow is as unknown as a run that does not exist. */
    public void requireOfWorkflow(String runId, String workflowId) {
        if (!stored(runId).workflowId().equals(workflowId)) {
            throw ApiException.notFound("Run", runId);
        }
    }

    private RunRow stored(String runId) {
        return records.run(runId).orElseThrow(() -> ApiException.notFound("Run", runId));
    }

    /**
     * When another live server executes the run, asks it to act and answers with the stored run
     * once it shows the effect (or as it stands after {@link #ON_OWNER}); empty when this server acts.
     */
    private Optional<JsonObject> onOwner(RunRow row, RunRequests.Action action, Predicate<RunRow> done) {
        return requests.heldElsewhere(row)
                .map(owner -> details(requests.askAndAwait(row, owner, action, done, ON_OWNER), null));
    }

    /** The run in this server's memory; a run another server holds, or one that ended meanwhile, is a conflict. */
    private LiveRun underWay(RunRow row) {
        return loader.obtain(row)
                .orElseThrow(() -> ApiException.conflict(
                        "Run " + row.id() + " is not under way on this server (it ended, or another server runs it).",
                        details(row, null)));
    }

    /** Waits until the decision is durable; whether it changed anything. */
    private static boolean settle(CompletionStage<Boolean> durable, RunRow row) {
        try {
            return durable.toCompletableFuture().get(DURABLE_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while recording a change of run " + row.id());
        } catch (ExecutionException | TimeoutException notWritten) {
            throw new IllegalStateException("The change of run " + row.id() + " was not recorded in time", notWritten);
        }
    }

    private static JsonObject answer(LiveRun run, String nodeId) {
        return where(run.id(), run.status(), nodeId);
    }

    private static JsonObject details(RunRow row, String nodeId) {
        return where(row.id(), row.status(), nodeId);
    }

    /** The run, its status and the node concerned: the body of an answer and the details of a refusal. */
    private static JsonObject where(String runId, RunStatus status, String nodeId) {
        var json = Jsonp.JSON.createObjectBuilder().add("task_id", runId).add("status", status.name());
        if (nodeId != null) {
            json.add("node_id", nodeId);
        }
        return json.build();
    }

    private static ApiException notPaused(RunRow row) {
        return ApiException.conflict(
                "Run " + row.id() + " is " + row.status() + ", not PAUSED: give a node_id to answer a waiting node.",
                details(row, null));
    }
}
