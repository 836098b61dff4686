package io.orchestrator.engine;

import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The one rule for what a node gets as its input, in a run and in development mode alike: with no
 * incoming source, the entry input (the run's input); with one source, that source's output as it
 * is; with several, or for a node that {@linkplain io.orchestrator.nodes.NodeType#takesInputsByName()
 * takes its inputs by name}, an object keyed by source node name.
 */
public final class NodeInputs {

    /** One node whose output reaches the node: in a run, the source of a taken incoming edge. */
    public record Source(String name, JsonValue output) {}

    private NodeInputs() {}

    public static JsonValue of(JsonValue entryInput, List<Source> sources, boolean byName) {
        if (sources.isEmpty()) {
            return entryInput;
        }
        if (sources.size() == 1 && !byName) {
            return sources.get(0).output();
        }
        JsonObjectBuilder keyed = Jsonp.JSON.createObjectBuilder();
        sources.forEach(source -> keyed.add(source.name(), source.output()));
        return keyed.build();
    }
}
