package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeCall;
import io.orchestrator.nodes.NodeCategory;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.Routes;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.platform.ApiException;
import io.orchestrator.workspaces.WorkspaceOf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs another workflow with an input and waits for its result, which becomes this node's output.
 * In a run the wait holds no thread: the node starts the child run and its step waits until the
 * child ends or the node's timeout comes ({@link ChildRunWaits}); development mode, which has no
 * run to wait in, waits on the request's thread. It lives with the engine, not with the other node
 * types, because it starts runs.
 */
@ApplicationScoped
public class SubWorkflowNode implements NodeType {

    public static final String KEY = "sub-workflow";

    private static final Form FORM = new Form(
            FormField.of("workflow_id", FieldType.TEXT)
                    .label("Workflow")
                    .required()
                    .help("The id of the workflow to run; it starts at its manual trigger, or at its entry nodes."),
            FormField.of("input", FieldType.JSON).help("The sub-run's input; the node's own input when empty."));

    @Inject
    WorkspaceOf workspaceOf;

    @Inject
    SnapshotStore snapshots;

    @Inject
    RunLauncher launcher;

    @Inject
    RunEngine engine;

    @Inject
    RunRecords records;

    @Inject
    ChildRunEnds childRuns;

    /** How deep sub-workflows may nest: each level is a run under way, and a chain must end. */
    static final int MAX_NESTING = 8;

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Sub-workflow";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.ACTION;
    }

    @Override
    public String description() {
        return "Runs another workflow and outputs its result; the error route takes its failure.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public List<String> routes(JsonObject formValues) {
        return Routes.DEFAULT_AND_ERROR;
    }

    @Override
    public boolean mayBlock() {
        return true;
    }

    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        if (!(call.resolved("workflow_id") instanceof JsonString id)
                || id.getString().isBlank()) {
            throw new NodeFailure(ErrorType.VALIDATION, "Field 'workflow_id' needs the id of a workflow.");
        }
        List<String> callers = callers(call.runId(), call.workflowId());
        if (callers.contains(id.getString())) {
            // A → B → A would start runs without end, each holding a thread while it waits.
            throw new NodeFailure(
                    ErrorType.VALIDATION,
                    "Workflow " + id.getString() + " is already running further up this" + " chain ("
                            + String.join(" ← ", callers) + "): a sub-workflow cannot call a workflow that calls it.");
        }
        if (callers.size() >= MAX_NESTING) {
            throw new NodeFailure(
                    ErrorType.VALIDATION,
                    "Sub-workflows nest at most " + MAX_NESTING + " deep (" + String.join(" ← ", callers) + ").");
        }
        // A workflow calls only workflows of its own workspace; another's is as absent as a deleted one.
        Optional<String> workspace = workspaceOf.workflow(call.workflowId());
        if (workspace.isEmpty() || !workspace.equals(workspaceOf.workflow(id.getString()))) {
            throw new NodeFailure(
                    ErrorType.SUB_WORKFLOW,
                    "Workflow " + id.getString() + " cannot run: Workflow " + id.getString() + " does not exist");
        }
        GraphSnapshot graph;
        try {
            graph = snapshots.current(id.getString()).graph();
        } catch (ApiException cannotRun) {
            throw new NodeFailure(
                    ErrorType.SUB_WORKFLOW,
                    "Workflow " + id.getString() + " cannot run: " + cannotRun.getMessage(),
                    cannotRun.details(),
                    null);
        }
        JsonValue input =
                call.formValues().containsKey("input") && call.formValues().get("input") != JsonValue.NULL
                        ? call.resolved("input")
                        : call.input();
        Node start = graph.manualTrigger().orElse(null);
        if (engine.live(call.runId()).isPresent()) {
            LiveRun child = launcher.startNow(
                    graph,
                    start,
                    TriggerType.SUB_WORKFLOW,
                    input,
                    call.session().id(),
                    call.runId(),
                    false);
            childRuns.watch(child);
            return NodeOutcome.awaitRun(child.id(), Instant.now().plusMillis(call.remainingMillis()));
        }
        LiveRun child = launcher.startNow(
                graph, start, TriggerType.SUB_WORKFLOW, input, call.session().id(), call.runId(), true);
        return resultOnceEnded(child, call.remainingMillis());
    }

    /** Development mode: the request's thread waits for the child run, and its result is the answer. */
    private static NodeOutcome resultOnceEnded(LiveRun child, long remainingMillis) throws NodeFailure {
        try {
            child.whenFinished().toCompletableFuture().get(remainingMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException tooLong) {
            throw new NodeFailure(ErrorType.TIMEOUT, "Sub-workflow run " + child.id() + " did not finish in time.");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new NodeFailure(
                    ErrorType.CANCELLED, "Stopped while waiting for sub-workflow run " + child.id() + ".");
        } catch (ExecutionException impossible) {
            throw new NodeFailure(ErrorType.INTERNAL, "Sub-workflow run " + child.id() + " ended abnormally.");
        }
        AttemptResult result = ChildRunWaits.resultOf(child.id(), child.status(), child.lastOutput(), child.error());
        if (result instanceof AttemptResult.Failed failed) {
            throw failed.failure();
        }
        return ((AttemptResult.Succeeded) result).outcome();
    }

    /**
     * The workflows of this run and of the runs under way that started it as a sub-workflow,
     * innermost first. A parent waiting for its child is out of memory: its stored row tells.
     */
    private List<String> callers(String runId, String workflowId) {
        List<String> chain = new ArrayList<>(List.of(workflowId));
        String parent = engine.live(runId).map(LiveRun::parentRunId).orElse(null);
        while (parent != null && chain.size() <= MAX_NESTING) {
            Optional<RunRow> caller =
                    records.run(parent).filter(row -> !row.status().isFinal());
            if (caller.isEmpty()) {
                break;
            }
            chain.add(caller.get().workflowId());
            parent = caller.get().triggerType() == TriggerType.SUB_WORKFLOW
                    ? caller.get().parentRunId()
                    : null;
        }
        return chain;
    }
}
