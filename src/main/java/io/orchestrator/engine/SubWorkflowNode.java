package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs another workflow with an input and waits for its result, which becomes this node's output.
 * It lives with the engine, not with the other node types, because it starts runs.
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
    SnapshotStore snapshots;

    @Inject
    RunLauncher launcher;

    @Inject
    RunEngine engine;

    /** How deep sub-workflows may nest: each level holds a thread while it waits for the next. */
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
        LiveRun child = launcher.startNow(
                graph, start, TriggerType.SUB_WORKFLOW, input, call.session().id(), call.runId(), true);
        try {
            child.whenFinished().toCompletableFuture().get(call.remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException tooLong) {
            throw new NodeFailure(ErrorType.TIMEOUT, "Sub-workflow run " + child.id() + " did not finish in time.");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new NodeFailure(
                    ErrorType.CANCELLED, "Stopped while waiting for sub-workflow run " + child.id() + ".");
        } catch (ExecutionException impossible) {
            throw new NodeFailure(ErrorType.INTERNAL, "Sub-workflow run " + child.id() + " ended abnormally.");
        }
        if (child.status() != RunStatus.SUCCESS) {
            throw new NodeFailure(
                    ErrorType.SUB_WORKFLOW,
                    "Sub-workflow run " + child.id() + " ended " + child.status() + ": " + child.error());
        }
        return NodeOutcome.of(child.lastOutput());
    }

    /** The workflows of this run and of the live runs that started it as a sub-workflow, innermost first. */
    private List<String> callers(String runId, String workflowId) {
        List<String> chain = new ArrayList<>(List.of(workflowId));
        String parent = engine.live(runId).map(LiveRun::parentRunId).orElse(null);
        while (parent != null && chain.size() <= MAX_NESTING) {
            Optional<LiveRun> caller = engine.live(parent);
            if (caller.isEmpty()) {
                break;
            }
            chain.add(caller.get().workflowId());
            parent = caller.get().parentRunId();
        }
        return chain;
    }
}
