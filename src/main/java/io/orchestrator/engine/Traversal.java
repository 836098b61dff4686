package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Edge;
import io.orchestrator.engine.GraphSnapshot.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where a run stands in its graph (docs/ARCHITECTURE.md, Routes and dead paths): which edges are taken or dead, which nodes
 * are ready, done or skipped. A node is ready when every incoming edge is resolved; with at least
 * one taken edge it runs, with none it is skipped and its outgoing edges die (dead-path
 * elimination), so a join after a branch never waits for a branch that will not come.
 * Not thread-safe: the run that owns it holds its lock.
 */
public final class Traversal {

    public enum NodeState {
        WAITING_FOR_INPUTS,
        READY,
        DONE,
        SKIPPED
    }

    private enum EdgeState {
        UNRESOLVED,
        TAKEN,
        DEAD
    }

    /** What one step changed: nodes that may now run, and nodes now skipped. */
    public record Progress(List<Node> ready, List<Node> skipped) {}

    private final GraphSnapshot graph;
    private final EdgeState[] edges;
    private final NodeState[] nodes;
    private final int[] unresolvedInputs;
    private int resolvedNodes;

    public Traversal(GraphSnapshot graph) {
        this.graph = graph;
        this.edges = new EdgeState[graph.edges().size()];
        java.util.Arrays.fill(edges, EdgeState.UNRESOLVED);
        this.nodes = new NodeState[graph.nodes().size()];
        java.util.Arrays.fill(nodes, NodeState.WAITING_FOR_INPUTS);
        this.unresolvedInputs = new int[nodes.length];
        for (Node node : graph.nodes()) {
            unresolvedInputs[node.index()] = graph.incoming(node).size();
        }
    }

    /**
     * Starts at the given entry nodes; every other node without inputs is skipped (another trigger,
     * a disconnected node), and whatever only they feed with it.
     */
    public Progress start(Collection<Node> startNodes) {
        List<Node> ready = new ArrayList<>();
        List<Node> skipped = new ArrayList<>();
        for (Node node : graph.nodes()) {
            if (unresolvedInputs[node.index()] == 0 && nodes[node.index()] == NodeState.WAITING_FOR_INPUTS) {
                if (startNodes.contains(node)) {
                    nodes[node.index()] = NodeState.READY;
                    ready.add(node);
                } else {
                    skip(node, ready, skipped);
                }
            }
        }
        return new Progress(ready, skipped);
    }

    /** The graph's entry nodes: those with no incoming edge. */
    public List<Node> entryNodes() {
        return graph.nodes().stream()
                .filter(node -> graph.incoming(node).isEmpty())
                .toList();
    }

    /** A ready node finished on a route: its edges on that route are taken, the others dead. */
    public Progress complete(Node node, String route) {
        if (nodes[node.index()] != NodeState.READY) {
            throw new IllegalStateException("Node '" + node.name() + "' is " + nodes[node.index()] + ", not READY");
        }
        nodes[node.index()] = NodeState.DONE;
        resolvedNodes++;
        List<Node> ready = new ArrayList<>();
        List<Node> skipped = new ArrayList<>();
        for (Edge edge : graph.outgoing(node)) {
            resolve(edge, edge.route().equals(route) ? EdgeState.TAKEN : EdgeState.DEAD, ready, skipped);
        }
        return new Progress(ready, skipped);
    }

    private void skip(Node node, List<Node> ready, List<Node> skipped) {
        nodes[node.index()] = NodeState.SKIPPED;
        resolvedNodes++;
        skipped.add(node);
        for (Edge edge : graph.outgoing(node)) {
            resolve(edge, EdgeState.DEAD, ready, skipped);
        }
    }

    private void resolve(Edge edge, EdgeState state, List<Node> ready, List<Node> skipped) {
        if (edges[edge.index()] != EdgeState.UNRESOLVED) {
            // Resolved before a part of the graph was reopened (regenerate): its target stands.
            return;
        }
        edges[edge.index()] = state;
        Node target = graph.node(edge.target());
        if (--unresolvedInputs[target.index()] > 0) {
            return;
        }
        boolean anyTaken = graph.incoming(target).stream().anyMatch(in -> edges[in.index()] == EdgeState.TAKEN);
        if (anyTaken) {
            nodes[target.index()] = NodeState.READY;
            ready.add(target);
        } else {
            skip(target, ready, skipped);
        }
    }

    /**
     * Opens a part of the graph again so that it runs anew: {@code from} is ready (its inputs stand),
     * the other nodes wait for their inputs from inside the part again. Edges leaving the part to
     * nodes outside it stay as they were: what those nodes did stands.
     */
    public void reopen(Node from, Collection<Node> part) {
        for (Node node : part) {
            if (nodes[node.index()] == NodeState.DONE || nodes[node.index()] == NodeState.SKIPPED) {
                resolvedNodes--;
            }
            nodes[node.index()] = node.equals(from) ? NodeState.READY : NodeState.WAITING_FOR_INPUTS;
        }
        for (Node node : part) {
            for (Edge edge : graph.outgoing(node)) {
                Node target = graph.node(edge.target());
                if (part.contains(target) && edges[edge.index()] != EdgeState.UNRESOLVED) {
                    edges[edge.index()] = EdgeState.UNRESOLVED;
                    unresolvedInputs[target.index()]++;
                }
            }
        }
    }

    /** The sources of a node's taken incoming edges, in edge order (each source once). */
    public List<Node> takenSources(Node node) {
        List<Node> sources = new ArrayList<>(2);
        for (Edge edge : graph.incoming(node)) {
            Node source = graph.node(edge.source());
            if (edges[edge.index()] == EdgeState.TAKEN && !sources.contains(source)) {
                sources.add(source);
            }
        }
        return sources;
    }

    public NodeState state(Node node) {
        return nodes[node.index()];
    }

    /** Every node is done or skipped. */
    public boolean finished() {
        return resolvedNodes == nodes.length;
    }

    /** The nodes not yet done or skipped, ready ones included (a failed run skips or revokes these). */
    public List<Node> unresolved() {
        return graph.nodes().stream()
                .filter(node -> nodes[node.index()] != NodeState.DONE && nodes[node.index()] != NodeState.SKIPPED)
                .toList();
    }
}
