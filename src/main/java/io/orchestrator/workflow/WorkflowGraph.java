package io.orchestrator.workflow;

import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.FieldErrors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of a workflow graph, without storage: every edge joins two known nodes, leaves from a
 * route its source can take and enters the single input handle, no node connects to itself, no
 * trigger has an incoming edge, no edge is there twice, and there is no cycle.
 */
public final class WorkflowGraph {

    /** What the rules need to know of a node. */
    public record Node(String id, String name, boolean trigger, List<String> routes) {}

    public record Edge(String id, String source, String sourceHandle, String target, String targetHandle) {

        boolean sameConnection(Edge other) {
            return source.equals(other.source)
                    && sourceHandle.equals(other.sourceHandle)
                    && target.equals(other.target)
                    && targetHandle.equals(other.targetHandle);
        }
    }

    public static final String INPUT_HANDLE = Routes.DEFAULT;

    private record Problem(String field, String message) {}

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, List<String>> successors = new HashMap<>();

    public WorkflowGraph(Collection<Node> nodes, Collection<Edge> edges) {
        nodes.forEach(node -> this.nodes.put(node.id(), node));
        edges.forEach(this::connect);
    }

    private void connect(Edge edge) {
        edges.add(edge);
        successors.computeIfAbsent(edge.source(), id -> new ArrayList<>()).add(edge.target());
    }

    /**
     * Checks an edge against the graph as it stands (the edge itself not yet in it) and reports
     * problems under the request's field names. Returns true when this edge may be added, whatever
     * else {@code errors} already holds.
     */
    public boolean check(Edge edge, FieldErrors errors) {
        List<Problem> problems = new ArrayList<>();
        Node source = nodes.get(edge.source());
        Node target = nodes.get(edge.target());
        if (source == null) {
            problems.add(new Problem("source", "No node with id " + edge.source() + " in this workflow."));
        }
        if (target == null) {
            problems.add(new Problem("target", "No node with id " + edge.target() + " in this workflow."));
        }
        if (!INPUT_HANDLE.equals(edge.targetHandle())) {
            problems.add(new Problem("target_handle", "Nodes have one input handle, '" + INPUT_HANDLE + "'."));
        }
        if (source != null && target != null) {
            problems.addAll(connectionProblems(edge, source, target));
        }
        problems.forEach(problem -> errors.add(problem.field(), problem.message()));
        return problems.isEmpty();
    }

    private List<Problem> connectionProblems(Edge edge, Node source, Node target) {
        if (source.id().equals(target.id())) {
            return List.of(new Problem("target", "An edge cannot connect a node to itself."));
        }
        List<Problem> problems = new ArrayList<>();
        if (!source.routes().contains(edge.sourceHandle())) {
            problems.add(new Problem(
                    "source_handle",
                    "Node '" + source.name() + "' has no route '" + edge.sourceHandle() + "'; its routes are: "
                            + String.join(", ", source.routes()) + "."));
        }
        if (target.trigger()) {
            problems.add(new Problem(
                    "target",
                    "Node '" + target.name() + "' is a trigger: a trigger starts a run"
                            + " and cannot have incoming edges."));
        }
        if (edges.stream().anyMatch(existing -> existing.sameConnection(edge))) {
            problems.add(new Problem("edge", "This edge already exists."));
        }
        pathBetween(target.id(), source.id()).ifPresent(path -> {
            path.add(target.id());
            problems.add(new Problem("edge", "This edge would close a cycle: " + names(path) + "."));
        });
        return problems;
    }

    /** Adds an edge that {@link #check} accepted. */
    public void add(Edge edge) {
        connect(edge);
    }

    /** A path of node ids from one node to another following edges, if there is one. */
    public Optional<List<String>> pathBetween(String from, String to) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        queue.add(from);
        seen.add(from);
        while (!queue.isEmpty()) {
            String current = queue.poll();
            if (current.equals(to)) {
                List<String> path = new ArrayList<>();
                for (String step = to; step != null; step = cameFrom.get(step)) {
                    path.add(0, step);
                }
                return Optional.of(path);
            }
            for (String next : successors.getOrDefault(current, List.of())) {
                if (seen.add(next)) {
                    cameFrom.put(next, current);
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    /** The nodes in an order where every edge points forward; empty when the graph has a cycle. */
    public Optional<List<String>> topologicalOrder() {
        Map<String, Integer> incoming = new HashMap<>();
        nodes.keySet().forEach(id -> incoming.put(id, 0));
        edges.forEach(edge -> incoming.merge(edge.target(), 1, Integer::sum));
        Deque<String> ready = nodes.keySet().stream()
                .filter(id -> incoming.get(id) == 0)
                .collect(Collectors.toCollection(ArrayDeque::new));
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String next : successors.getOrDefault(id, List.of())) {
                if (incoming.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        return order.size() == nodes.size() ? Optional.of(order) : Optional.empty();
    }

    private String names(List<String> ids) {
        return ids.stream()
                .map(id -> nodes.containsKey(id) ? nodes.get(id).name() : id)
                .collect(Collectors.joining(" → "));
    }
}
