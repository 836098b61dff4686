package io.orchestrator.engine;

import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.SqlDialect;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.NodeTypeRegistry;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonText;
import io.orchestrator.workflow.PinnedOutput;
import io.orchestrator.workflow.Workflow;
import io.orchestrator.workflow.WorkflowChanged;
import io.orchestrator.workflow.WorkflowGraph;
import io.orchestrator.workflow.WorkflowNode;
import io.orchestrator.workflow.WorkflowRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The graph a run executes. The current version of a workflow is built from its tables, checked
 * (no cycle, known node types, required fields filled), stored once in workflow_snapshot and kept
 * in memory until the workflow changes; runs being resumed read the version they started with.
 */
@ApplicationScoped
public class SnapshotStore {

    private static final long CACHE_MILLIS = 5_000;

    /**
     * Versions never change, but each edit of a workflow that then runs makes one: held for ever, they
     * filled the heap by about 2.5 MB a minute under the soak's edits (bench/soak-bench.sh). The ones in
     * use are kept; the others are read again from workflow_snapshot when a run is resumed, rewound or
     * forked.
     */
    static final int MAX_VERSIONS = 256;

    private static final long VERSION_MILLIS = 10 * 60_000;

    @Inject
    WorkflowRepository workflows;

    @Inject
    NodeTypeRegistry types;

    @Inject
    RunJournal journal;

    @Resource(lookup = "jdbc/orchestrator-direct")
    DataSource dataSource;

    private final ShortLivedCache<String, WorkflowAtVersion> current = new ShortLivedCache<>(CACHE_MILLIS, 100_000);
    private final ShortLivedCache<String, GraphSnapshot> byVersion =
            new ShortLivedCache<>(VERSION_MILLIS, MAX_VERSIONS);

    /**
     * The workflow as it stands, ready to run; 404 when it does not exist, 422 with details per
     * node and field when it cannot run. Cached for a few seconds: another server's edit shows
     * after at most that long, this server's at once.
     */
    public WorkflowAtVersion current(String workflowId) {
        return current.get(workflowId, this::load);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) WorkflowChanged changed) {
        current.invalidate(changed.workflowId());
    }

    @Transactional
    WorkflowAtVersion load(String workflowId) {
        Workflow workflow = workflows.require(workflowId);
        List<WorkflowNode> nodes = workflows.nodes(workflowId);
        List<WorkflowGraph.Edge> edges = workflows.edges(workflowId);
        FieldErrors errors = new FieldErrors();
        List<GraphSnapshot.Node> snapshotNodes = new ArrayList<>();
        Map<String, GraphSnapshot.Pin> pins = new HashMap<>();
        List<WorkflowGraph.Node> ruleNodes = new ArrayList<>();
        for (WorkflowNode node : nodes) {
            JsonObject formValues = JsonText.parseObject(node.formValues());
            NodeType type = types.find(node.nodeType()).orElse(null);
            if (type == null) {
                errors.nested(node.name()).add("node_type", "This server has no node type '" + node.nodeType() + "'.");
            } else if (!node.settings().disabled()) {
                FormValidator.checkRequired(type.form(), formValues, errors.nested(node.name()));
            }
            snapshotNodes.add(new GraphSnapshot.Node(
                    snapshotNodes.size(), node.id(), node.name(), node.nodeType(), formValues, node.settings()));
            PinnedOutput pin = node.pin();
            if (pin != null) {
                pins.put(node.id(), new GraphSnapshot.Pin(pin.outputJson(), pin.route()));
            }
            ruleNodes.add(new WorkflowGraph.Node(node.id(), node.name(), type != null && type.isTrigger(), List.of()));
        }
        if (new WorkflowGraph(ruleNodes, edges).topologicalOrder().isEmpty()) {
            errors.add("edges", "The graph has a cycle; remove an edge of it to run the workflow.");
        }
        if (nodes.isEmpty()) {
            errors.add("nodes", "The workflow has no nodes to run.");
        }
        errors.throwIfAny("Workflow validation failed");
        List<GraphSnapshot.Edge> snapshotEdges = new ArrayList<>();
        for (WorkflowGraph.Edge edge : edges) {
            snapshotEdges.add(
                    new GraphSnapshot.Edge(snapshotEdges.size(), edge.source(), edge.sourceHandle(), edge.target()));
        }
        JsonObject settings = JsonText.parseObject(workflow.settings());
        GraphSnapshot graph = new GraphSnapshot(
                workflowId,
                workflow.version(),
                workflow.name(),
                RunPolicy.of(settings),
                snapshotNodes,
                snapshotEdges,
                pins);
        store(graph);
        return new WorkflowAtVersion(graph, workflow.active());
    }

    /** The graph of a version a run started with. */
    public GraphSnapshot version(String workflowId, long version) {
        return byVersion.get(workflowId + "@" + version, key -> read(workflowId, version, key));
    }

    private GraphSnapshot read(String workflowId, long version, String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT graph FROM workflow_snapshot WHERE workflow_id = ? AND version = ?")) {
            select.setString(1, workflowId);
            select.setLong(2, version);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw ApiException.notFound("Workflow version", key);
                }
                return GraphSnapshot.fromJson(workflowId, version, JsonText.parseObject(row.getString(1)));
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot read the graph of " + key + ": " + failed.getMessage(), failed);
        }
    }

    private void store(GraphSnapshot graph) {
        byVersion.get(graph.workflowId() + "@" + graph.version(), key -> insert(graph, key));
    }

    private GraphSnapshot insert(GraphSnapshot graph, String key) {
        SqlDialect dialect = journal.dialect();
        String sql = dialect == SqlDialect.H2
                ? "MERGE INTO workflow_snapshot (workflow_id, version, graph, created_at) KEY (workflow_id, version) VALUES (?, ?, ?, ?)"
                : "INSERT IGNORE INTO workflow_snapshot (workflow_id, version, graph, created_at) VALUES (?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, graph.workflowId());
            insert.setLong(2, graph.version());
            insert.setString(3, graph.toJson().toString());
            dialect.bindInstant(insert, 4, Instant.now());
            insert.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot store the graph of " + key + ": " + failed.getMessage(), failed);
        }
        return graph;
    }
}
