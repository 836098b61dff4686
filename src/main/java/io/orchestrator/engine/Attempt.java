package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import jakarta.json.JsonValue;

/** One attempt of one node, begun (its RUNNING row recorded) and about to execute with this input. */
record Attempt(Node node, int number, JsonValue input) {}
