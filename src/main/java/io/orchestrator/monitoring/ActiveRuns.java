package io.orchestrator.monitoring;

import io.orchestrator.engine.RunStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How many runs have not ended, by status. One query served by the index on (status, updated_at):
 * it reads only the runs not ended, however many have, so it stays fast with a million runs kept.
 */
@ApplicationScoped
public class ActiveRuns {

    static final List<RunStatus> NOT_ENDED =
            List.of(RunStatus.PENDING, RunStatus.STARTED, RunStatus.WAITING, RunStatus.PAUSED);

    /** A scrape reads four gauges one after another: they share one query. */
    private static final long REUSE_NANOS = 1_000_000_000L;

    @Resource(lookup = "jdbc/orchestrator")
    DataSource dataSource;

    private volatile Counted last;

    private record Counted(Map<RunStatus, Long> counts, long atNanos) {}

    /** Every status not ended, with 0 where no run has it. */
    public Map<RunStatus, Long> count() throws SQLException {
        Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
        NOT_ENDED.forEach(status -> counts.put(status, 0L));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT status, COUNT(*) FROM run WHERE status IN (?, ?, ?, ?) GROUP BY status")) {
            for (int i = 0; i < NOT_ENDED.size(); i++) {
                query.setString(i + 1, NOT_ENDED.get(i).name());
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(RunStatus.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
        }
        last = new Counted(counts, System.nanoTime());
        return counts;
    }

    /** The count of one status as of at most a second ago; -1 when the database cannot say. */
    long recently(RunStatus status) {
        Counted counted = last;
        try {
            Map<RunStatus, Long> counts =
                    counted != null && System.nanoTime() - counted.atNanos() < REUSE_NANOS ? counted.counts() : count();
            return counts.getOrDefault(status, 0L);
        } catch (SQLException unreachable) {
            return -1;
        }
    }
}
