package io.orchestrator.monitoring;

import io.orchestrator.artifacts.ArtifactService;
import io.orchestrator.engine.RunStatus;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.platform.SchemaReady;
import io.orchestrator.realtime.WorkflowWatchers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The metrics that are a state rather than a count of events, read when Prometheus scrapes: runs
 * not ended, entries waiting for the journal, WebSocket clients, bytes kept as artifacts. Each is
 * a cheap read (an index, a queue size, a sum cached for a while), so a scrape stays fast with a
 * million runs stored.
 */
@ApplicationScoped
public class ServerGauges {

    @Inject
    MetricRegistry registry;

    @Inject
    ActiveRuns activeRuns;

    @Inject
    RunJournal journal;

    @Inject
    WorkflowWatchers watchers;

    @Inject
    ArtifactService artifacts;

    void register(@Observes SchemaReady ready) {
        Metadata runs = Metadata.builder()
                .withName("orchestrator_runs_active")
                .withDescription("Runs not ended, by status, on every server of this database (-1: the database"
                        + " did not answer)")
                .build();
        for (RunStatus status : ActiveRuns.NOT_ENDED) {
            registry.gauge(runs, status, activeRuns::recently, new Tag("status", status.name()));
        }
        registry.gauge(
                Metadata.builder()
                        .withName("orchestrator_journal_queued_entries")
                        .withDescription("Rows and events waiting to be written by the run journal: its lag")
                        .build(),
                journal::queuedEntries);
        registry.gauge(
                Metadata.builder()
                        .withName("orchestrator_websocket_clients")
                        .withDescription("WebSocket clients connected to this server")
                        .build(),
                watchers::clientCount);
        registry.gauge(
                Metadata.builder()
                        .withName("orchestrator_artifacts_stored")
                        .withDescription("Bytes kept as artifacts, counted at most once a minute")
                        .withUnit(MetricUnits.BYTES)
                        .build(),
                artifacts::storedBytesRecently);
    }
}
