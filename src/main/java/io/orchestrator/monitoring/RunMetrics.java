package io.orchestrator.monitoring;

import io.orchestrator.engine.EventType;
import io.orchestrator.engine.RunEvent;
import io.orchestrator.engine.RunStatus;
import io.orchestrator.nodes.NodeTypeRegistry;
import io.orchestrator.platform.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Runs ended by status, and node attempts ended by node type and outcome with their durations,
 * counted from the engine's events: each is fired once, after its row is in the database, so a
 * count never runs ahead of what is stored. Counted since this server started, as Prometheus
 * counters are (its rate() makes up for restarts).
 */
@ApplicationScoped
public class RunMetrics {

    static final Metadata RUNS = Metadata.builder()
            .withName("orchestrator_runs")
            .withDescription("Runs that ended on this server since it started, by final status")
            .build();
    static final Metadata NODE_EXECUTIONS = Metadata.builder()
            .withName("orchestrator_node_executions")
            .withDescription("Node attempts that ended on this server since it started, by node type and outcome")
            .build();
    static final Metadata NODE_DURATION = Metadata.builder()
            .withName("orchestrator_node_duration")
            .withDescription("How long node attempts took, by node type and outcome")
            .withUnit(MetricUnits.SECONDS)
            .build();

    @Inject
    MetricRegistry registry;

    @Inject
    NodeTypeRegistry types;

    /** The registry's own lookup builds a MetricID per call; these are found by a string. */
    private final ConcurrentMap<String, Counter> runs = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, NodeOutcome> nodes = new ConcurrentHashMap<>();

    private record NodeOutcome(Counter executions, Timer duration) {}

    /** At start, so that every final status shows from the first scrape, at zero. */
    void register(@Observes SchemaReady ready) {
        List.of(RunStatus.SUCCESS, RunStatus.FAILURE, RunStatus.REVOKED).forEach(this::runCounter);
    }

    void onRunEvent(@Observes RunEvent event) {
        switch (event.type()) {
            case WORKFLOW_COMPLETED -> runEnded(RunStatus.SUCCESS);
            case WORKFLOW_FAILED -> runEnded(RunStatus.FAILURE);
            case WORKFLOW_REVOKED -> runEnded(RunStatus.REVOKED);
            case NODE_COMPLETED, NODE_FAILED -> nodeEnded(event);
            default -> {}
        }
    }

    private void runEnded(RunStatus status) {
        runCounter(status).inc();
    }

    private Counter runCounter(RunStatus status) {
        return runs.computeIfAbsent(status.name(), name -> registry.counter(RUNS, new Tag("status", name)));
    }

    private void nodeEnded(RunEvent event) {
        // An attempt whose error route was taken failed all the same: it counts as FAILURE.
        String outcome = event.type() == EventType.NODE_COMPLETED ? "SUCCESS" : "FAILURE";
        // Only this server's types are labels: a graph may name any type (an import, a type since
        // removed), and each label pair costs a timer's histogram, about 40 KB; 4,000 made-up
        // types once filled the heap.
        String nodeType =
                event.nodeType() != null && types.find(event.nodeType()).isPresent() ? event.nodeType() : "unknown";
        NodeOutcome counted = nodes.computeIfAbsent(nodeType + '\n' + outcome, key -> {
            Tag[] tags = {new Tag("node_type", nodeType), new Tag("status", outcome)};
            return new NodeOutcome(registry.counter(NODE_EXECUTIONS, tags), registry.timer(NODE_DURATION, tags));
        });
        counted.executions().inc();
        if (event.durationMs() != null) {
            counted.duration().update(Duration.ofMillis(event.durationMs()));
        }
    }
}
