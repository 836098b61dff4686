package io.orchestrator.engine;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.HumanInputNode;
import io.orchestrator.platform.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The state_sync picture of a workflow's latest run: from memory while it runs here, else from the database. */
@ApplicationScoped
public class RunStatesView implements RunStates {

    @Inject
    RunEngine engine;

    @Inject
    RunRecords records;

    @Override
    public JsonObject stateOf(String workflowId) {
        Optional<LiveRun.Picture> running = engine.liveRuns().stream()
                .filter(run -> run.workflowId().equals(workflowId))
                .map(LiveRun::picture)
                .max(Comparator.comparing(picture -> picture.row().createdAt()));
        if (running.isPresent()) {
            return state(workflowId, running.get().row(), running.get().steps());
        }
        Optional<RunRow> latest = records.latestOf(workflowId);
        if (latest.isEmpty()) {
            return JSON.createObjectBuilder()
                    .add("workflow_id", workflowId)
                    .addNull("task_id")
                    .add("status", "idle")
                    .add("executing_nodes", JSON.createObjectBuilder())
                    .add("completed_nodes", JSON.createArrayBuilder())
                    .add("completed_count", 0)
                    .build();
        }
        return state(
                workflowId, latest.get(), records.latestSteps(latest.get().id()).values());
    }

    private static JsonObject state(String workflowId, RunRow run, Collection<StepRow> steps) {
        Instant now = Instant.now();
        JsonObjectBuilder executing = JSON.createObjectBuilder();
        JsonArrayBuilder completed = JSON.createArrayBuilder();
        JsonArrayBuilder waiting = JSON.createArrayBuilder();
        JsonArrayBuilder failed = JSON.createArrayBuilder();
        JsonArrayBuilder skipped = JSON.createArrayBuilder();
        int completedCount = 0;
        List<StepRow> ordered =
                steps.stream().sorted(Comparator.comparingInt(StepRow::seq)).toList();
        for (StepRow step : ordered) {
            switch (step.status()) {
                case RUNNING ->
                    executing.add(
                            step.nodeId(),
                            node(step)
                                    .add("started_at", step.startedAt().toString())
                                    .add("duration_seconds", seconds(step.startedAt(), now)));
                case SUCCESS -> {
                    completed.add(finished(step));
                    completedCount++;
                }
                case FAILURE -> {
                    if (step.route() != null) {
                        completed.add(finished(step));
                        completedCount++;
                    }
                    failed.add(finished(step).add("error", step.error() == null ? "" : step.error()));
                }
                case WAITING -> {
                    JsonObjectBuilder entry = node(step)
                            .add(
                                    "wake_at",
                                    step.wakeAt() == null ? "" : step.wakeAt().toString());
                    if (HumanInputNode.KEY.equals(step.nodeType())) {
                        entry.add("request", JsonText.parse(step.output()));
                    }
                    waiting.add(entry);
                }
                case SKIPPED -> skipped.add(step.nodeId());
                default -> {}
            }
        }
        return JSON.createObjectBuilder()
                .add("workflow_id", workflowId)
                .add("task_id", run.id())
                .add("status", status(run.status()))
                .add("task_status", run.status().name())
                .add("executing_nodes", executing)
                .add("completed_nodes", completed)
                .add("completed_count", completedCount)
                .add("waiting_nodes", waiting)
                .add("failed_nodes", failed)
                .add("skipped_nodes", skipped)
                .build();
    }

    private static String status(RunStatus status) {
        return switch (status) {
            case STARTED -> "running";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }

    private static JsonObjectBuilder node(StepRow step) {
        return JSON.createObjectBuilder()
                .add("node_id", step.nodeId())
                .add("node_type", step.nodeType())
                .add("node_name", step.nodeName())
                .add("attempt", step.attempt());
    }

    private static JsonObjectBuilder finished(StepRow step) {
        JsonObjectBuilder json = node(step);
        if (step.route() != null) {
            json.add("route", step.route());
        }
        if (step.finishedAt() != null) {
            json.add("completed_at", step.finishedAt().toString());
            if (step.startedAt() != null) {
                json.add("duration_seconds", seconds(step.startedAt(), step.finishedAt()));
            }
        }
        return json;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
