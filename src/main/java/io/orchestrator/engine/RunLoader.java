package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.platform.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings a stored run back into the engine: a PENDING run Quartz starts, a waiting run whose time
 * came, a run whose server died. Completed nodes are replayed from their rows, not run again; a
 * node that was running runs again as a new attempt.
 */
@ApplicationScoped
public class RunLoader {

    @Inject
    RunEngine engine;

    @Inject
    RunRecords records;

    @Inject
    SnapshotStore snapshots;

    @Inject
    Sessions sessions;

    @Inject
    ChildRunEnds childRuns;

    @Inject
    RunRequests requests;

    /**
     * Loads of one run take turns, so that a run is never in memory twice; loads of different runs
     * go on side by side (one lock for all made every answer to a waiting run queue behind the
     * others' database reads). A run id always maps to the same lock.
     */
    private final Object[] loadLocks = newLocks(64);

    /**
     * The run in this server's memory, loading and claiming it if it is stored and under way; empty
     * when it does not exist, has ended, or another live server holds it (it executes it: claiming it
     * here would execute it twice; {@link RunRequests} hands what reaches this server to that one).
     */
    public Optional<LiveRun> obtain(String runId) {
        synchronized (lockOf(runId)) {
            return load(runId, null);
        }
    }

    /**
     * The same, for a run its caller has just read: the claim takes the run only if its status and
     * owner are still those of that row, so it need not be read first (an answer to a waiting run
     * read it twice: a fifth of the answer's database work). When the row is no longer the stored
     * one the run is read as {@link #obtain(String)} does.
     */
    public Optional<LiveRun> obtain(RunRow justRead) {
        synchronized (lockOf(justRead.id())) {
            Optional<LiveRun> loaded = load(justRead.id(), justRead);
            return loaded.isPresent() ? loaded : load(justRead.id(), null);
        }
    }

    private Object lockOf(String runId) {
        return loadLocks[Math.floorMod(runId.hashCode(), loadLocks.length)];
    }

    private Optional<LiveRun> load(String runId, RunRow justRead) {
        Optional<LiveRun> held = engine.live(runId);
        if (held.isPresent()) {
            return held;
        }
        Optional<RunRow> stored = justRead != null ? Optional.of(justRead) : records.run(runId);
        if (stored.isEmpty()
                || stored.get().status().isFinal()
                || requests.heldElsewhere(stored.get()).isPresent()
                || !records.claim(stored.get(), engine.instanceId())) {
            return Optional.empty();
        }
        RunRow row = stored.get();
        GraphSnapshot graph = snapshots.version(row.workflowId(), row.workflowVersion());
        RunRow resumed = row.resumedBy(engine.instanceId(), Instant.now());
        Map<String, StepRow> earlier = records.latestSteps(runId);
        LiveRun run = new LiveRun(
                resumed,
                graph,
                sessions.open(row.sessionId(), row.workflowId()),
                JsonText.parse(row.input()),
                !earlier.isEmpty());
        if (row.triggerType() == TriggerType.SUB_WORKFLOW && row.parentRunId() != null) {
            // Its parent may wait for it, and only its end tells the parent.
            childRuns.watch(run);
        }
        return Optional.of(engine.launch(run, startNodes(graph, row.startNodeId()), earlier, Set.of(), false));
    }

    private static Object[] newLocks(int count) {
        Object[] locks = new Object[count];
        for (int i = 0; i < count; i++) {
            locks[i] = new Object();
        }
        return locks;
    }

    /** The node a run started from, or every entry node when it named none. */
    static List<Node> startNodes(GraphSnapshot graph, String startNodeId) {
        if (startNodeId != null && graph.node(startNodeId) != null) {
            return List.of(graph.node(startNodeId));
        }
        return graph.nodes().stream()
                .filter(node -> graph.incoming(node).isEmpty())
                .toList();
    }
}
