package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import jakarta.json.JsonValue;

/**
 * One attempt of one node, begun (its RUNNING row recorded) and about to execute with this input;
 * {@code feedback} is a person's word on the previous output when they asked for it again, else null.
 */
record Attempt(Node node, int number, JsonValue input, String feedback) {

    Attempt(Node node, int number, JsonValue input) {
        this(node, number, input, null);
    }
}
