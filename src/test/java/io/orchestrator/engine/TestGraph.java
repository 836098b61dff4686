package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Edge;
import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.nodes.Routes;
import io.orchestrator.testing.JsonLiterals;
import io.orchestrator.workflow.NodeSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph written by node names for engine tests. Node ids differ from names ("id-" + name) so
 * that a test notices when the engine mixes them up.
 */
final class TestGraph {

    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private int concurrencyLimit = 8;
    private long executionTimeoutSeconds = RunPolicy.DEFAULTS.executionTimeoutSeconds();
    private String keepExecutions = "all";
    private final Map<String, GraphSnapshot.Pin> pins = new HashMap<>();

    static String idOf(String name) {
        return "id-" + name;
    }

    TestGraph node(String name, String type) {
        return node(name, type, "{}", NodeSettings.DEFAULTS);
    }

    /** Form values in single-quoted JSON. */
    TestGraph node(String name, String type, String formValues) {
        return node(name, type, formValues, NodeSettings.DEFAULTS);
    }

    TestGraph node(String name, String type, String formValues, NodeSettings settings) {
        nodes.add(new Node(nodes.size(), idOf(name), name, type, JsonLiterals.object(formValues), settings));
        return this;
    }

    TestGraph edge(String source, String target) {
        return edge(source, Routes.DEFAULT, target);
    }

    TestGraph edge(String source, String route, String target) {
        edges.add(new Edge(edges.size(), idOf(source), route, idOf(target)));
        return this;
    }

    /** Pins an output (single-quoted JSON) on the named node, on the given route. */
    TestGraph pin(String name, String output, String route) {
        pins.put(idOf(name), new GraphSnapshot.Pin(JsonLiterals.json(output), route));
        return this;
    }

    TestGraph executionTimeoutSeconds(long seconds) {
        this.executionTimeoutSeconds = seconds;
        return this;
    }

    TestGraph keepExecutions(String keep) {
        this.keepExecutions = keep;
        return this;
    }

    TestGraph concurrencyLimit(int limit) {
        this.concurrencyLimit = limit;
        return this;
    }

    GraphSnapshot build() {
        return new GraphSnapshot(
                "wf-test",
                1,
                "Test workflow",
                new RunPolicy(concurrencyLimit, executionTimeoutSeconds, keepExecutions, null, false, false, false),
                nodes,
                edges,
                pins);
    }
}
