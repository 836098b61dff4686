package io.orchestrator.engine;

import io.orchestrator.nodes.ManualTriggerNode;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.workflow.NodeSettings;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The graph one run executes, frozen when the run starts: editing the canvas afterwards does not
 * change a run under way. Stored once per workflow version (table workflow_snapshot) and shared,
 * immutable, by every run of that version.
 */
public final class GraphSnapshot {

    public record Node(int index, String id, String name, String type, JsonObject formValues, NodeSettings settings) {}

    public record Edge(int index, String source, String route, String target) {}

    /** An output pinned on a node when the version was made, with its route: only development runs use it. */
    public record Pin(JsonValue output, String route) {}

    private final String workflowId;
    private final long version;
    private final String workflowName;
    private final RunPolicy policy;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Map<String, Node> byId = new HashMap<>();
    private final Map<String, Node> byName = new HashMap<>();
    private final List<List<Edge>> incoming;
    private final List<List<Edge>> outgoing;
    /** By node id. */
    private final Map<String, Pin> pins;

    public GraphSnapshot(
            String workflowId,
            long version,
            String workflowName,
            RunPolicy policy,
            List<Node> nodes,
            List<Edge> edges) {
        this(workflowId, version, workflowName, policy, nodes, edges, Map.of());
    }

    public GraphSnapshot(
            String workflowId,
            long version,
            String workflowName,
            RunPolicy policy,
            List<Node> nodes,
            List<Edge> edges,
            Map<String, Pin> pins) {
        this.pins = Map.copyOf(pins);
        this.workflowId = workflowId;
        this.version = version;
        this.workflowName = workflowName;
        this.policy = policy;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.incoming = new ArrayList<>(nodes.size());
        this.outgoing = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            byId.put(node.id(), node);
            byName.put(node.name(), node);
            incoming.add(new ArrayList<>());
            outgoing.add(new ArrayList<>());
        }
        for (Edge edge : edges) {
            incoming.get(byId.get(edge.target()).index()).add(edge);
            outgoing.get(byId.get(edge.source()).index()).add(edge);
        }
    }

    public String workflowId() {
        return workflowId;
    }

    public long version() {
        return version;
    }

    public String workflowName() {
        return workflowName;
    }

    /** The workflow's settings for its runs, as they were at this version. */
    public RunPolicy policy() {
        return policy;
    }

    /** The node a run started by hand (or as a sub-workflow) starts from, if the workflow has one. */
    public Optional<Node> manualTrigger() {
        return nodes.stream()
                .filter(node -> node.type().equals(ManualTriggerNode.KEY))
                .findFirst();
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    public Node node(String id) {
        return byId.get(id);
    }

    public Node nodeNamed(String name) {
        return byName.get(name);
    }

    public List<Edge> incoming(Node node) {
        return Collections.unmodifiableList(incoming.get(node.index()));
    }

    public List<Edge> outgoing(Node node) {
        return Collections.unmodifiableList(outgoing.get(node.index()));
    }

    /** The output pinned on the node, if any. */
    public Optional<Pin> pin(Node node) {
        return Optional.ofNullable(pins.get(node.id()));
    }

    public boolean hasErrorRoute(Node node) {
        return outgoing.get(node.index()).stream().anyMatch(edge -> Routes.ERROR.equals(edge.route()));
    }

    /** The nodes a run may reach from this one, itself included. */
    public List<Node> downstreamOf(Node start) {
        Map<String, Node> seen = new LinkedHashMap<>();
        List<Node> work = new ArrayList<>(List.of(start));
        while (!work.isEmpty()) {
            Node node = work.remove(work.size() - 1);
            if (seen.putIfAbsent(node.id(), node) == null) {
                outgoing(node).forEach(edge -> work.add(byId.get(edge.target())));
            }
        }
        return List.copyOf(seen.values());
    }

    public JsonObject toJson() {
        JsonArrayBuilder nodeArray = Jsonp.JSON.createArrayBuilder();
        for (Node node : nodes) {
            NodeSettings settings = node.settings();
            var json = Jsonp.JSON
                    .createObjectBuilder()
                    .add("id", node.id())
                    .add("name", node.name())
                    .add("type", node.type())
                    .add("form_values", node.formValues())
                    .add("disabled", settings.disabled())
                    .add("max_attempts", settings.maxAttempts())
                    .add("retry_delay_ms", settings.retryDelayMs())
                    .add("retry_backoff", settings.backoffMultiplier());
            if (settings.timeoutMs() != null) {
                json.add("timeout_ms", settings.timeoutMs());
            }
            // Written only when pinned, so that the snapshots of workflows without pins stay as they were.
            Pin pin = pins.get(node.id());
            if (pin != null) {
                json.add("pinned_output", pin.output()).add("pinned_route", pin.route());
            }
            nodeArray.add(json);
        }
        JsonArrayBuilder edgeArray = Jsonp.JSON.createArrayBuilder();
        edges.forEach(edge -> edgeArray.add(Jsonp.JSON
                .createObjectBuilder()
                .add("source", edge.source())
                .add("route", edge.route())
                .add("target", edge.target())));
        JsonObjectBuilder json = Jsonp.JSON.createObjectBuilder();
        if (policy.webhookRateLimit() != null) {
            json.add("webhook_rate_limit", policy.webhookRateLimit());
        }
        // Written only when set, so that the snapshots of workflows that never set them stay as they were.
        if (policy.webhookAllowsCookies()) {
            json.add("webhook_allow_cookies", true);
        }
        if (policy.webhookAllowsCors()) {
            json.add("webhook_allow_cors", true);
        }
        if (policy.webhookAllowsRedirects()) {
            json.add("webhook_allow_redirects", true);
        }
        return json.add("workflow_name", workflowName)
                .add("concurrency_limit", policy.concurrencyLimit())
                .add("execution_timeout_seconds", policy.executionTimeoutSeconds())
                .add("keep_executions", policy.keepExecutions())
                .add("nodes", nodeArray)
                .add("edges", edgeArray)
                .build();
    }

    public static GraphSnapshot fromJson(String workflowId, long version, JsonObject json) {
        List<Node> nodes = new ArrayList<>();
        Map<String, Pin> pins = new HashMap<>();
        for (JsonValue value : json.getJsonArray("nodes")) {
            JsonObject node = value.asJsonObject();
            if (node.containsKey("pinned_output")) {
                pins.put(node.getString("id"), new Pin(node.get("pinned_output"), node.getString("pinned_route")));
            }
            Long timeout = node.containsKey("timeout_ms")
                    ? node.getJsonNumber("timeout_ms").longValue()
                    : null;
            nodes.add(new Node(
                    nodes.size(),
                    node.getString("id"),
                    node.getString("name"),
                    node.getString("type"),
                    node.getJsonObject("form_values"),
                    new NodeSettings(
                            node.getBoolean("disabled"),
                            node.getInt("max_attempts"),
                            node.getJsonNumber("retry_delay_ms").longValue(),
                            node.getJsonNumber("retry_backoff").doubleValue(),
                            timeout)));
        }
        List<Edge> edges = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("edges")) {
            JsonObject edge = value.asJsonObject();
            edges.add(new Edge(
                    edges.size(), edge.getString("source"), edge.getString("route"), edge.getString("target")));
        }
        return new GraphSnapshot(
                workflowId, version, json.getString("workflow_name"), RunPolicy.of(json), nodes, edges, pins);
    }
}
