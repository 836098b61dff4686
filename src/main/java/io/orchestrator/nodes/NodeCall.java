package io.orchestrator.nodes;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * What a node sees while it runs: its input, its form values, expressions over the run's data and
 * the run's session. The engine makes one per attempt; development mode makes one per call.
 */
public interface NodeCall {

    String workflowId();

    /** The run this attempt belongs to; in development mode a fresh id that names no stored run. */
    String runId();

    String nodeId();

    String nodeName();

    /** 1 for the first try, 2 for the first retry... */
    int attempt();

    /** The output of the one taken incoming edge's source, or an object keyed by source node name. */
    JsonValue input();

    /** The form values as saved, expressions not yet evaluated. */
    JsonObject formValues();

    /**
     * A form field with every {@code ${...}} evaluated (strings, and strings inside objects and
     * lists); {@code JsonValue.NULL} when the field is absent. A broken expression fails the node
     * with a message naming the field.
     */
    JsonValue resolved(String field) throws NodeFailure;

    /** A boolean expression (with or without {@code ${}}) in the named field. */
    boolean test(String field) throws NodeFailure;

    /** The run's session: variables and cookies that later nodes and later calls see. */
    NodeSession session();

    /** Milliseconds this attempt may still take before it is timed out. */
    long remainingMillis();

    /**
     * What a person said about this node's previous output when asking for it again (a
     * human-input node's {@code regenerate}); null on an ordinary attempt.
     */
    default String feedback() {
        return null;
    }
}
