package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orchestrator.platform.ApiException;
import io.orchestrator.workflow.NodeSettings;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The versions a run may ask for, on an embedded H2 database migrated as the server migrates it. */
class SnapshotStoreTest {

    private static final String WORKFLOW = "wf-1";

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final SnapshotStore store = new SnapshotStore();

    @BeforeEach
    void migratedDatabase() {
        dataSource.setURL("jdbc:h2:mem:snapshots-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/h2")
                .load()
                .migrate();
        store.dataSource = dataSource;
    }

    @Test
    void aVersionIsReadFromTheDatabaseOnceAndThenFromMemory() throws SQLException {
        storeVersions(1);

        assertEquals("start", store.version(WORKFLOW, 1).nodes().get(0).name());
        deleteVersions();
        assertEquals("start", store.version(WORKFLOW, 1).nodes().get(0).name(), "kept in memory");
    }

    /** The soak found every version ever run held for ever: 2.5 MB a minute under steady edits. */
    @Test
    void versionsPastTheBoundAreNotHeldForEver() throws SQLException {
        int versions = SnapshotStore.MAX_VERSIONS + 10;
        storeVersions(versions);
        for (int version = 1; version <= versions; version++) {
            store.version(WORKFLOW, version);
        }
        deleteVersions();

        assertEquals(versions, store.version(WORKFLOW, versions).version(), "the latest version read is still held");
        assertThrows(
                ApiException.class,
                () -> store.version(WORKFLOW, 1),
                "the first version was let go, so it is read again and found gone");
    }

    private void storeVersions(int count) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO workflow_snapshot (workflow_id, version, graph, created_at)"
                                + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            for (long version = 1; version <= count; version++) {
                insert.setString(1, WORKFLOW);
                insert.setLong(2, version);
                insert.setString(3, graph(version).toJson().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void deleteVersions() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM workflow_snapshot");
        }
    }

    private static GraphSnapshot graph(long version) {
        return new GraphSnapshot(
                WORKFLOW,
                version,
                "Workflow",
                RunPolicy.DEFAULTS,
                List.of(new GraphSnapshot.Node(
                        0, "n1", "start", "manual-trigger", JsonValue.EMPTY_JSON_OBJECT, NodeSettings.DEFAULTS)),
                List.of());
    }
}
