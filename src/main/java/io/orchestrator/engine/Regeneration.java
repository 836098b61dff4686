package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Edge;
import io.orchestrator.engine.GraphSnapshot.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a person's "regenerate" runs again: the nearest node upstream of the waiting node whose type
 * takes feedback, and every node on a path from it to the waiting node.
 */
final class Regeneration {

    private Regeneration() {}

    /** The nearest upstream node (fewest edges away) whose type regenerates with feedback. */
    static Optional<Node> source(GraphSnapshot graph, Node waiting, Predicate<String> regenerates) {
        Deque<Node> work = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        work.add(waiting);
        while (!work.isEmpty()) {
            Node node = work.poll();
            for (Edge edge : graph.incoming(node)) {
                Node source = graph.node(edge.source());
                if (seen.add(source.id())) {
                    if (regenerates.test(source.type())) {
                        return Optional.of(source);
                    }
                    work.add(source);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code from}, {@code to} and every node on a path between them. */
    static Set<Node> part(GraphSnapshot graph, Node from, Node to) {
        Set<Node> upstreamOfTo = new HashSet<>();
        Deque<Node> work = new ArrayDeque<>();
        work.add(to);
        while (!work.isEmpty()) {
            Node node = work.poll();
            if (upstreamOfTo.add(node)) {
                graph.incoming(node).forEach(edge -> work.add(graph.node(edge.source())));
            }
        }
        Set<Node> part = new LinkedHashSet<>();
        for (Node node : graph.downstreamOf(from)) {
            if (upstreamOfTo.contains(node)) {
                part.add(node);
            }
        }
        return part;
    }
}
