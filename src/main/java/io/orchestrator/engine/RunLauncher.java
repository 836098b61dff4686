package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Creates runs: by API (through Quartz), by webhook or schedule, as a sub-workflow, by rewind or fork. */
@ApplicationScoped
public class RunLauncher {

    @Inject
    RunEngine engine;

    @Inject
    SnapshotStore snapshots;

    @Inject
    RunJournal journal;

    @Inject
    EngineScheduler scheduler;

    @Inject
    Sessions sessions;

    @Inject
    RunRecords records;

    @Inject
    TriggerInputs triggerInputs;

    /** A production run by API. */
    public RunRow enqueue(String workflowId, JsonValue input, String sessionId) {
        return enqueue(workflowId, input, sessionId, TriggerType.MANUAL);
    }

    /**
     * start_execution: the run is stored PENDING before this returns, and Quartz starts it on
     * whichever server takes the job. The trigger's declared inputs are checked first (422). A
     * {@linkplain TriggerType#DEVELOPMENT development} run uses the pins of its graph.
     */
    public RunRow enqueue(String workflowId, JsonValue input, String sessionId, TriggerType trigger) {
        GraphSnapshot graph = snapshots.current(workflowId).graph();
        Node start = graph.manualTrigger().orElse(null);
        JsonValue checked = start == null ? input : triggerInputs.check(start, input);
        sessions.checkJoinable(sessionId, workflowId);
        String runId = RunIds.next();
        RunRow row = newRow(runId, graph, RunStatus.PENDING, trigger, checked, sessionId, null, start, null, null);
        journal.append(runId, row);
        journal.durable(runId).join();
        scheduler.startSoon(runId);
        return row;
    }

    /** A run started here and now (webhook, schedule, sub-workflow), optionally on this thread. */
    public LiveRun startNow(
            GraphSnapshot graph,
            Node start,
            TriggerType trigger,
            JsonValue input,
            String sessionId,
            String parentRunId,
            boolean inline) {
        String runId = RunIds.next();
        RunRow row = newRow(
                runId,
                graph,
                RunStatus.STARTED,
                trigger,
                input,
                sessionId,
                parentRunId,
                start,
                null,
                engine.instanceId());
        LiveRun run = new LiveRun(row, graph, sessions.forNewRun(sessionId, runId, graph.workflowId()), input, false);
        return engine.launch(
                run, start == null ? RunLoader.startNodes(graph, null) : List.of(start), Map.of(), Set.of(), inline);
    }

    /** Runs a finished run again from a node, in the same run: what came before is kept. */
    public LiveRun rewind(String runId, String nodeId) {
        RunRow row = finishedRun(runId, "rewind");
        GraphSnapshot graph = snapshots.version(row.workflowId(), row.workflowVersion());
        Node from = nodeOf(graph, nodeId);
        RunRow again = row.rewoundFrom(from.id(), engine.instanceId(), Instant.now());
        LiveRun run = new LiveRun(
                again, graph, sessions.open(row.sessionId(), row.workflowId()), JsonText.parse(row.input()), true);
        return stored(engine.launch(
                run,
                RunLoader.startNodes(graph, row.startNodeId()),
                history(runId, "rewind"),
                downstream(graph, from),
                false));
    }

    /** A new run that branches from a finished one at a node: it keeps what came before, records its parent. */
    public LiveRun fork(String runId, String nodeId) {
        RunRow parent = finishedRun(runId, "fork");
        GraphSnapshot graph = snapshots.version(parent.workflowId(), parent.workflowVersion());
        Node from = nodeOf(graph, nodeId);
        Set<String> rerun = downstream(graph, from);
        String forkId = RunIds.next();
        List<StepRow> copies = new ArrayList<>();
        Map<String, StepRow> earlier = new HashMap<>();
        for (StepRow step : history(runId, "fork").values()) {
            if (!rerun.contains(step.nodeId())) {
                StepRow copy = step.copiedTo(forkId);
                copies.add(copy);
                earlier.put(copy.nodeId(), copy);
            }
        }
        LiveSession session = sessions.open(parent.sessionId(), parent.workflowId());
        LiveSession forkSession = new LiveSession(
                forkId, session.owner(), Jsonp.JSON.createObjectBuilder().build(), session.cookies());
        forkSession.putVariables(session.variables());
        JsonValue input = JsonText.parse(parent.input());
        RunRow row = newRow(
                forkId,
                graph,
                RunStatus.STARTED,
                TriggerType.FORK,
                input,
                forkId,
                parent.id(),
                graph.node(parent.startNodeId()),
                from,
                engine.instanceId());
        journal.appendAll(forkId, copies);
        LiveRun run = new LiveRun(row, graph, forkSession, input, !earlier.isEmpty());
        return stored(engine.launch(run, RunLoader.startNodes(graph, parent.startNodeId()), earlier, rerun, false));
    }

    private RunRow finishedRun(String runId, String what) {
        RunRow row = records.run(runId).orElseThrow(() -> ApiException.notFound("Run", runId));
        if (!row.status().isFinal()) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Run " + runId + " is " + row.status() + "; stop it or let it finish before a " + what + ".");
        }
        return row;
    }

    /** Returns once the run's start is in the database: the caller may look it up as soon as it has the id. */
    private LiveRun stored(LiveRun run) {
        journal.durable(run.id()).join();
        return run;
    }

    /** The node executions a rewind or fork starts from; 409 when the workflow kept none (keep_executions). */
    private Map<String, StepRow> history(String runId, String what) {
        Map<String, StepRow> steps = records.latestSteps(runId);
        if (steps.isEmpty()) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Run " + runId + " kept no node executions (workflow setting"
                            + " keep_executions), so there is nothing to " + what + " from; start a new run instead.");
        }
        return steps;
    }

    private static Node nodeOf(GraphSnapshot graph, String nodeId) {
        if (nodeId == null || graph.node(nodeId) == null) {
            throw ApiException.validation(
                    "Unknown node",
                    new FieldErrors().add("node_id", "No node with id " + nodeId + " in the graph this run executed."));
        }
        return graph.node(nodeId);
    }

    private static Set<String> downstream(GraphSnapshot graph, Node from) {
        return graph.downstreamOf(from).stream().map(Node::id).collect(Collectors.toSet());
    }

    private static RunRow newRow(
            String runId,
            GraphSnapshot graph,
            RunStatus status,
            TriggerType trigger,
            JsonValue input,
            String sessionId,
            String parentRunId,
            Node start,
            Node from,
            String owner) {
        return RunRow.created(
                runId,
                graph.workflowId(),
                graph.version(),
                status,
                trigger,
                JsonText.write(input),
                sessionId == null || sessionId.isBlank() ? runId : sessionId,
                parentRunId,
                start == null ? null : start.id(),
                from == null ? null : from.id(),
                owner,
                Instant.now());
    }
}
