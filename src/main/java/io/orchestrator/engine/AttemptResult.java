package io.orchestrator.engine;

import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;

/** How one attempt of a node ended: with an outcome (which may be a wait), or failed. */
sealed interface AttemptResult {

    record Succeeded(NodeOutcome outcome) implements AttemptResult {}

    record Failed(NodeFailure failure) implements AttemptResult {}
}
