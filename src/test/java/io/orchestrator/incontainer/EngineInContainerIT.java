package io.orchestrator.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.RunLauncher;
import io.orchestrator.engine.RunStatus;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.workflow.CanvasService;
import io.orchestrator.workflow.NodeChanges;
import io.orchestrator.workflow.WorkflowGraph;
import io.orchestrator.workflow.WorkflowService;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine inside Liberty with the real Quartz (clustered JDBC job store) and MariaDB: a run
 * stored PENDING is started by a Quartz job, a wait wakes through a Quartz trigger, and every node
 * execution is in the database when the run is.
 */
@ExtendWith(ArquillianExtension.class)
class EngineInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return TestDeployment.of(EngineInContainerIT.class);
    }

    @Inject
    WorkflowService workflows;

    @Inject
    CanvasService canvas;

    @Inject
    RunLauncher launcher;

    @Resource(lookup = "jdbc/orchestrator")
    DataSource dataSource;

    @Test
    void aPendingRunIsStartedByQuartzAndWakesFromItsWaitThroughQuartz() throws Exception {
        String workflowId = workflows
                .create(RequestBody.of(
                        Json.createObjectBuilder().add("name", "in container").build()))
                .getString("id");
        String start =
                canvas.addNode(workflowId, "manual-trigger", changes("{}")).getString("id");
        String pause = canvas.addNode(workflowId, "wait", changes("{\"form_values\": {\"seconds\": 2}}"))
                .getString("id");
        String done = canvas.addNode(
                        workflowId,
                        "transform",
                        changes("{\"form_values\": {\"fields\": {\"twice\": \"${input.n * 2}\"}}}"))
                .getString("id");
        canvas.addEdge(workflowId, new WorkflowGraph.Edge(null, start, "default", pause, "default"));
        canvas.addEdge(workflowId, new WorkflowGraph.Edge(null, pause, "default", done, "default"));

        RunRow pending = launcher.enqueue(
                workflowId, Json.createObjectBuilder().add("n", 21).build(), null);
        assertEquals(RunStatus.PENDING, pending.status());
        assertEquals("PENDING", text("SELECT status FROM run WHERE id = ?", pending.id()), "stored before the answer");

        awaitStatus(pending.id(), "WAITING", Duration.ofSeconds(20));
        assertEquals(
                1,
                count("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = ?", pending.id()),
                "the wake-up is a Quartz trigger in the database");
        assertEquals(
                "WAITING",
                text("SELECT status FROM node_execution WHERE run_id = ? AND node_id = '" + pause + "'", pending.id()));

        awaitStatus(pending.id(), "SUCCESS", Duration.ofSeconds(20));
        assertEquals("{\"twice\":42}", text("SELECT output FROM run WHERE id = ?", pending.id()));
        assertEquals(
                3, count("SELECT COUNT(*) FROM node_execution WHERE run_id = ? AND status = 'SUCCESS'", pending.id()));
        assertEquals(
                0,
                count("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = ?", pending.id()),
                "nothing of the run is left in Quartz");
        assertTrue(text("SELECT owner FROM run WHERE id = ?", pending.id()).length() > 0, "a server owned it");
    }

    @Test
    void aRunRecordsItsGraphVersionOnce() throws Exception {
        String workflowId = workflows
                .create(RequestBody.of(
                        Json.createObjectBuilder().add("name", "snapshots").build()))
                .getString("id");
        canvas.addNode(workflowId, "manual-trigger", changes("{}"));
        RunRow first = launcher.enqueue(workflowId, JsonValue.EMPTY_JSON_OBJECT, null);
        RunRow second = launcher.enqueue(workflowId, JsonValue.EMPTY_JSON_OBJECT, null);
        awaitStatus(first.id(), "SUCCESS", Duration.ofSeconds(20));
        awaitStatus(second.id(), "SUCCESS", Duration.ofSeconds(20));
        assertEquals(1, count("SELECT COUNT(*) FROM workflow_snapshot WHERE workflow_id = ?", workflowId));
        assertEquals(first.workflowVersion(), second.workflowVersion());
    }

    private void awaitStatus(String runId, String status, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = text("SELECT status FROM run WHERE id = ?", runId);
            if (status.equals(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Run " + runId + " did not reach " + status + "; it is " + last);
    }

    private static NodeChanges changes(String json) {
        return NodeChanges.read(
                RequestBody.of(Json.createReader(new StringReader(json)).readObject()));
    }

    private String text(String sql, String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private long count(String sql, String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
