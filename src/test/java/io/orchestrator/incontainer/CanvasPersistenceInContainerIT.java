package io.orchestrator.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.workflow.CanvasService;
import io.orchestrator.workflow.NodeChanges;
import io.orchestrator.workflow.WorkflowGraph;
import io.orchestrator.workflow.WorkflowService;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The workflow aggregate through its services, checked against the rows they leave in MariaDB. */
@ExtendWith(ArquillianExtension.class)
class CanvasPersistenceInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return TestDeployment.of(CanvasPersistenceInContainerIT.class);
    }

    @Inject
    WorkflowService workflows;

    @Inject
    CanvasService canvas;

    @Resource(lookup = "jdbc/orchestrator")
    DataSource dataSource;

    @Test
    void nodesAndEdgesAreStoredAndRemovingANodeRemovesItsEdges() throws Exception {
        String workflowId = newWorkflow("persistence");
        String trigger =
                canvas.addNode(workflowId, "manual-trigger", changes("{}")).getString("id");
        String check = canvas.addNode(
                        workflowId, "condition", changes("{\"form_values\": {\"expression\": \"${true}\"}}"))
                .getString("id");
        String after = canvas.addNode(workflowId, "transform", changes("{}")).getString("id");
        canvas.addEdge(workflowId, new WorkflowGraph.Edge(null, trigger, "default", check, "default"));
        canvas.addEdge(workflowId, new WorkflowGraph.Edge(null, check, "true", after, "default"));

        assertEquals(3, count("SELECT COUNT(*) FROM workflow_node WHERE workflow_id = ?", workflowId));
        assertEquals(2, count("SELECT COUNT(*) FROM workflow_edge WHERE workflow_id = ?", workflowId));
        assertEquals(6, count("SELECT version FROM workflow WHERE id = ?", workflowId), "one version per change");

        canvas.removeNode(workflowId, check);

        assertEquals(2, count("SELECT COUNT(*) FROM workflow_node WHERE workflow_id = ?", workflowId));
        assertEquals(0, count("SELECT COUNT(*) FROM workflow_edge WHERE workflow_id = ?", workflowId));
    }

    @Test
    void aRefusedEdgeLeavesNothingBehind() throws Exception {
        String workflowId = newWorkflow("refused edge");
        String first = canvas.addNode(workflowId, "transform", changes("{}")).getString("id");
        String second = canvas.addNode(workflowId, "transform", changes("{}")).getString("id");
        canvas.addEdge(workflowId, new WorkflowGraph.Edge(null, first, "default", second, "default"));

        ApiException cycle = assertThrows(
                ApiException.class,
                () -> canvas.addEdge(workflowId, new WorkflowGraph.Edge(null, second, "default", first, "default")));

        assertEquals(ErrorCode.VALIDATION_ERROR, cycle.code());
        assertEquals(1, count("SELECT COUNT(*) FROM workflow_edge WHERE workflow_id = ?", workflowId));
        assertEquals(
                4, count("SELECT version FROM workflow WHERE id = ?", workflowId), "a refused change bumps nothing");
    }

    @Test
    void deletingAWorkflowDeletesItsGraph() throws Exception {
        String workflowId = newWorkflow("to delete");
        String first = canvas.addNode(workflowId, "transform", changes("{}")).getString("id");
        String second = canvas.addNode(workflowId, "transform", changes("{}")).getString("id");
        canvas.addEdge(workflowId, new WorkflowGraph.Edge(null, first, "default", second, "default"));

        workflows.delete(workflowId);

        assertEquals(0, count("SELECT COUNT(*) FROM workflow WHERE id = ?", workflowId));
        assertEquals(0, count("SELECT COUNT(*) FROM workflow_node WHERE workflow_id = ?", workflowId));
        assertEquals(0, count("SELECT COUNT(*) FROM workflow_edge WHERE workflow_id = ?", workflowId));
    }

    private String newWorkflow(String name) {
        return workflows
                .create(RequestBody.of(
                        Json.createObjectBuilder().add("name", name).build()))
                .getString("id");
    }

    private static NodeChanges changes(String json) {
        return NodeChanges.read(
                RequestBody.of(Json.createReader(new StringReader(json)).readObject()));
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
