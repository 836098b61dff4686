package io.orchestrator.workflow;

import jakarta.json.JsonValue;
import java.util.Map;

/**
 * What a node's input is made from outside a run: the last output of each of its sources by
 * source name, in the order of its incoming edges (a source that has no output yet is there with
 * null), and the node's own last input (null before any), which stands in for a run's input when
 * the node has no source.
 */
public record NodeSources(String nodeType, Map<String, JsonValue> outputs, JsonValue lastInput) {}
