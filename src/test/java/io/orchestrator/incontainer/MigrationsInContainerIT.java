package io.orchestrator.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schema the application finds after its start: every migration applied, Quartz's tables included. */
@ExtendWith(ArquillianExtension.class)
class MigrationsInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return TestDeployment.of(MigrationsInContainerIT.class);
    }

    @Resource(lookup = "jdbc/orchestrator")
    DataSource dataSource;

    @Test
    void everyMigrationIsAppliedInOrderOnMariaDb() throws Exception {
        List<String> applied = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
            assertTrue(connection.getMetaData().getDatabaseProductName().startsWith("MariaDB"));
            while (rows.next()) {
                assertTrue(rows.getBoolean("success"), "migration " + rows.getString("version") + " succeeded");
                applied.add(rows.getString("version"));
            }
        }
        assertEquals(
                List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"),
                applied);
    }

    @Test
    void theApplicationAndQuartzTablesExist() throws Exception {
        Set<String> tables = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection
                        .getMetaData()
                        .getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME").toLowerCase());
            }
        }
        assertTrue(
                tables.containsAll(
                        Set.of("workflow", "workflow_node", "workflow_edge", "api_token", "service_connection")),
                tables.toString());
        assertTrue(
                tables.containsAll(Set.of(
                        "run", "node_execution", "workflow_snapshot", "session_state", "webhook_path", "artifact")),
                tables.toString());
        assertTrue(
                tables.containsAll(Set.of(
                        "qrtz_job_details",
                        "qrtz_triggers",
                        "qrtz_cron_triggers",
                        "qrtz_locks",
                        "qrtz_fired_triggers",
                        "qrtz_scheduler_state")),
                tables.toString());
    }
}
