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

    /**
     * The run in this server's memory, loading and claiming it if it is stored and under way; empty
     * when it does not exist, has ended, or another live server holds it.
     */
    public synchronized Optional<LiveRun> obtain(String runId) {
        Optional<LiveRun> held = engine.live(runId);
        if (held.isPresent()) {
            return held;
        }
        Optional<RunRow> stored = records.run(runId);
        if (stored.isEmpty() || stored.get().status().isFinal() || !records.claim(stored.get(), engine.instanceId())) {
            return Optional.empty();
        }
        RunRow row = stored.get();
        GraphSnapshot graph = snapshots.version(row.workflowId(), row.workflowVersion());
        RunRow resumed = row.resumedBy(engine.instanceId(), Instant.now());
        Map<String, StepRow> earlier = records.latestSteps(runId);
        LiveRun run = new LiveRun(
                resumed, graph, sessions.open(row.sessionId()), JsonText.parse(row.input()), !earlier.isEmpty());
        return Optional.of(engine.launch(run, startNodes(graph, row.startNodeId()), earlier, Set.of(), false));
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
