package io.orchestrator.engine;

import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.scheduling.QuartzEngineScheduler;
import io.orchestrator.platform.SchemaReady;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A run under way lives in the memory of the one server that executes it (its owner). What reaches
 * another server for it (a stop, pause or resume by API, a Quartz wake-up or retry, which Quartz
 * fires on any server) is handed to the owner through the table run_request, which every server
 * reads for its own runs: taking the run over instead would execute it twice. A run whose owner
 * stopped checking in is no one's: the server at hand claims it, as recovery does.
 */
@ApplicationScoped
public class RunRequests {

    private static final Logger LOG = Logger.getLogger(RunRequests.class.getName());

    /** What one server asks of a run's owner; stored by its lower-case name in run_request.action. */
    public enum Action {
        STOP,
        PAUSE,
        RESUME,
        WAKE,
        RETRY;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Null for a name this server does not know (a newer server's request). */
        static Action ofWireName(String name) {
            for (Action action : values()) {
                if (action.wireName().equals(name)) {
                    return action;
                }
            }
            return null;
        }

        /** A stop, pause or resume left by a dead server was answered long ago; a wake-up or retry is still owed. */
        boolean stillOwedWhenOrphaned() {
            return this == WAKE || this == RETRY;
        }
    }

    /** How often the owner reads its requests while other servers are alive; alone, far less often. */
    static final long POLL_MS = 200;

    private static final long ALONE_POLL_MS = 2_000;
    /** Three missed Quartz check-ins make a server dead, as for recovery. */
    private static final long ALIVE_WITHIN_MS = 3 * QuartzEngineScheduler.CHECKIN_INTERVAL_MS;

    private record Request(long id, String runId, Action action, String nodeId, int attempt, boolean orphaned) {}

    @Resource(lookup = "jdbc/orchestrator-direct")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    EngineInstance instance;

    @Inject
    RunRecords records;

    @Inject
    RunLoader loader;

    @Inject
    RunEngine engine;

    @Inject
    RunControl control;

    @Inject
    RunSteering steering;

    private volatile long lastRead;
    /** Cached for a second: whether requests can come at all (another server checked in lately). */
    private volatile boolean othersAlive;

    private volatile long othersCheckedAt;

    void start(@Observes SchemaReady ready) {
        scheduler.scheduleWithFixedDelay(this::serveSafely, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The other live server that executes this run now, if any: a STARTED run (or one PAUSED with
     * nodes still finishing) is in its owner's memory.
     */
    public Optional<String> heldElsewhere(RunRow row) {
        String owner = row.owner();
        if (owner == null
                || owner.equals(instance.id())
                || !(row.status() == RunStatus.STARTED || row.status() == RunStatus.PAUSED)) {
            return Optional.empty();
        }
        return alive(owner) ? Optional.of(owner) : Optional.empty();
    }

    /** Hands the action to the run's owner when another live server holds it; false when this server must act. */
    public boolean forwarded(String runId, Action action, String nodeId, int attempt) {
        Optional<RunRow> row = records.run(runId);
        Optional<String> owner = row.flatMap(this::heldElsewhere);
        owner.ifPresent(server -> ask(runId, server, action, nodeId, attempt));
        return owner.isPresent();
    }

    /** Asks the owner and waits (up to the time given) until the stored run shows the effect. */
    public RunRow askAndAwait(RunRow row, String owner, Action action, Predicate<RunRow> done, Duration within) {
        ask(row.id(), owner, action, null, 0);
        Instant until = Instant.now().plus(within);
        RunRow latest = row;
        while (Instant.now().isBefore(until)) {
            latest = records.run(row.id()).orElse(latest);
            if (done.test(latest)) {
                return latest;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return latest;
    }

    private void ask(String runId, String owner, Action action, String nodeId, int attempt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO run_request (run_id, owner, action, node_id, attempt) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, runId);
            insert.setString(2, owner);
            insert.setString(3, action.wireName());
            insert.setString(4, nodeId);
            insert.setInt(5, attempt);
            insert.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException(
                    "Cannot hand the " + action.wireName() + " of run " + runId + " to its server: "
                            + failed.getMessage(),
                    failed);
        }
    }

    private boolean alive(String owner) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE INSTANCE_NAME = ? AND LAST_CHECKIN_TIME > ?")) {
            select.setString(1, owner);
            select.setLong(2, System.currentTimeMillis() - ALIVE_WITHIN_MS);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getLong(1) > 0;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot tell whether server " + owner + " is alive", failed);
        }
    }

    private void serveSafely() {
        try {
            serve();
        } catch (SQLException | RuntimeException failed) {
            // The next poll tries again; a failure must not cancel the periodic task.
            LOG.log(Level.FINE, "Reading the run requests failed", failed);
        }
    }

    private void serve() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastRead < ALONE_POLL_MS && !othersAlive()) {
            return;
        }
        lastRead = now;
        List<Request> taken = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            // Also requests no owner took in time: a live owner takes its own within a poll, so one
            // still there after a server's death time was addressed to a server that died meanwhile.
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, run_id, action, node_id, attempt, owner FROM run_request WHERE owner = ?"
                            + " OR created_at < TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3)) ORDER BY id")) {
                select.setString(1, instance.id());
                select.setLong(2, -ALIVE_WITHIN_MS / 1000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        taken.add(new Request(
                                rows.getLong(1),
                                rows.getString(2),
                                Action.ofWireName(rows.getString(3)),
                                rows.getString(4),
                                rows.getInt(5),
                                !instance.id().equals(rows.getString(6))));
                    }
                }
            }
            // Deleted one by one: of two servers taking the same orphaned request, one acts.
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM run_request WHERE id = ?")) {
                taken.removeIf(request -> !deleted(delete, request.id()));
            }
        }
        for (Request request : taken) {
            if (request.action() == null) {
                LOG.warning("A run request this server does not know was dropped (run " + request.runId() + ").");
            } else if (!request.orphaned() || request.action().stillOwedWhenOrphaned()) {
                performSafely(request);
            }
        }
    }

    private static boolean deleted(PreparedStatement delete, long id) {
        try {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot take run request " + id + ": " + failed.getMessage(), failed);
        }
    }

    private boolean othersAlive() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - othersCheckedAt > 1_000) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE INSTANCE_NAME <> ? AND LAST_CHECKIN_TIME > ?")) {
                select.setString(1, instance.id());
                select.setLong(2, now - ALIVE_WITHIN_MS);
                try (ResultSet row = select.executeQuery()) {
                    othersAlive = row.next() && row.getLong(1) > 0;
                }
            }
            othersCheckedAt = now;
        }
        return othersAlive;
    }

    private void performSafely(Request request) {
        try {
            switch (request.action()) {
                case STOP -> control.stop(request.runId());
                case PAUSE -> steering.pause(request.runId());
                case RESUME -> steering.resume(request.runId(), null);
                case WAKE ->
                    loader.obtain(request.runId())
                            .ifPresent(run -> engine.wake(run, request.nodeId(), request.attempt()));
                case RETRY ->
                    loader.obtain(request.runId())
                            .ifPresent(run -> engine.retry(run, request.nodeId(), request.attempt()));
            }
        } catch (RuntimeException refused) {
            // The run ended or changed meanwhile: the asking server answers with what is stored.
            LOG.log(
                    Level.INFO,
                    "The " + request.action().wireName() + " of run " + request.runId() + " asked by another server"
                            + " was not done: " + refused.getMessage());
        }
    }
}
