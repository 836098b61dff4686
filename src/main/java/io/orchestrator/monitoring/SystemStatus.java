package io.orchestrator.monitoring;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.RunStatus;
import io.orchestrator.engine.scheduling.QuartzEngineScheduler;
import io.orchestrator.platform.DatabaseProbe;
import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.platform.ServerInfo;
import io.orchestrator.realtime.WorkflowWatchers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The server's parts and how each is doing. UP when the database answers, Quartz fires triggers and
 * the data directory has room; any of them down makes the whole DOWN.
 */
@ApplicationScoped
public class SystemStatus {

    /** Below this the data directory counts as full: artifacts and H2 would fail. */
    static final long MIN_FREE_BYTES = 100L * 1024 * 1024;

    @Inject
    DatabaseProbe database;

    @Inject
    ServerInfo server;

    @Inject
    QuartzEngineScheduler scheduler;

    @Inject
    WorkflowWatchers watchers;

    @Inject
    OrchestratorConfig config;

    @Inject
    ActiveRuns activeRuns;

    public JsonObject now() {
        DatabaseProbe.Result probe = database.probe();
        JsonObject quartz = scheduler.status();
        JsonObject disk = disk(config.dataDirectory());
        boolean up = probe.up() && "UP".equals(quartz.getString("status")) && "UP".equals(disk.getString("status"));
        return JSON.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("version", server.version())
                .add("uptime_seconds", server.uptimeSeconds())
                .add("database", probe.toJson())
                .add("scheduler", quartz)
                .add("disk", disk)
                .add(
                        "websocket",
                        JSON.createObjectBuilder()
                                .add("clients", watchers.clientCount())
                                .add("watched_workflows", watchers.watchedWorkflows()))
                .add(
                        "runs",
                        probe.up()
                                ? runs()
                                : JSON.createObjectBuilder()
                                        .add("error", "database unreachable")
                                        .build())
                .build();
    }

    /** Free and total space where the data directory lives. */
    static JsonObject disk(Path directory) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("path", directory.toString());
        try {
            Path existing = directory;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            FileStore store = Files.getFileStore(existing == null ? Path.of("/") : existing);
            long free = store.getUsableSpace();
            return json.add("status", free >= MIN_FREE_BYTES ? "UP" : "DOWN")
                    .add("free_bytes", free)
                    .add("total_bytes", store.getTotalSpace())
                    .build();
        } catch (IOException unreadable) {
            return json.add("status", "DOWN")
                    .add("error", unreadable.getMessage())
                    .build();
        }
    }

    /**
     * Runs not ended, by status: {@code {under_way, waiting, paused, pending}} ({@code under_way} counts
     * STARTED).
     */
    private JsonObject runs() {
        try {
            JsonObjectBuilder counts = JSON.createObjectBuilder();
            activeRuns.count().forEach((status, count) -> counts.add(key(status), count));
            return counts.build();
        } catch (SQLException failed) {
            return JSON.createObjectBuilder()
                    .add("error", "could not count runs")
                    .build();
        }
    }

    private static String key(RunStatus status) {
        return switch (status) {
            case STARTED -> "under_way";
            case WAITING -> "waiting";
            case PAUSED -> "paused";
            default -> "pending";
        };
    }
}
