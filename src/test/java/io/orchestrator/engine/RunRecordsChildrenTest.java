package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The recovery sweep's query for ended sub-workflow runs a waiting parent was never told of, on H2 migrated as the server does. */
class RunRecordsChildrenTest {

    @Test
    void onlyEndedChildrenThatAWaitingParentsWaitingStepNamesAreFound() throws SQLException {
        RunRecords records = records();
        run(records, "parent-waiting", "WAITING", "manual", null);
        step(records, "parent-waiting", "call-1", "WAITING", "{\"run_id\":\"child-ended\"}");
        step(records, "parent-waiting", "call-2", "WAITING", "{\"run_id\":\"child-running\"}");
        run(records, "child-ended", "SUCCESS", "sub-workflow", "parent-waiting");
        run(records, "child-running", "STARTED", "sub-workflow", "parent-waiting");
        // An earlier child its node stopped waiting for (its timeout came first): no step names it.
        run(records, "child-detached", "FAILURE", "sub-workflow", "parent-waiting");
        // A parent under way is in a server's memory, which hears of its children itself.
        run(records, "parent-started", "STARTED", "manual", null);
        step(records, "parent-started", "call", "WAITING", "{\"run_id\":\"child-of-started\"}");
        run(records, "child-of-started", "SUCCESS", "sub-workflow", "parent-started");

        assertEquals(
                List.of("child-ended"),
                records.endedChildrenAwaited().stream().map(RunRow::id).toList());
    }

    private static RunRecords records() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:children-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/h2")
                .load()
                .migrate();
        RunRecords records = new RunRecords();
        records.dataSource = database;
        records.journal = new RunJournal() {
            @Override
            public SqlDialect dialect() {
                return SqlDialect.H2;
            }
        };
        return records;
    }

    private static void run(RunRecords records, String id, String status, String trigger, String parent)
            throws SQLException {
        insert(
                records,
                "INSERT INTO run (id, workflow_id, workflow_version, status, trigger_type, parent_run_id, output,"
                        + " created_at, updated_at) VALUES (?, 'w', 1, ?, ?, ?, '{}', CURRENT_TIMESTAMP,"
                        + " CURRENT_TIMESTAMP)",
                id,
                status,
                trigger,
                parent);
    }

    private static void step(RunRecords records, String runId, String nodeId, String status, String output)
            throws SQLException {
        insert(
                records,
                "INSERT INTO node_execution (run_id, node_id, attempt, seq, node_name, node_type, status, output)"
                        + " VALUES (?, ?, 1, 1, ?, 'sub-workflow', ?, ?)",
                runId,
                nodeId,
                nodeId,
                status,
                output);
    }

    private static void insert(RunRecords records, String sql, String... values) throws SQLException {
        try (Connection connection = records.dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                insert.setString(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
    }
}
