package io.orchestrator.nodes.human;

import java.util.List;

/**
 * Merges several selected texts into one with a model (a human-input node's {@code merge}:
 * {@code {connection, model, instruction}}). The model call belongs to the llm package.
 */
public interface ModelMerge {

    /** The merged text; {@code instruction} is the person's, or else the node's. */
    String merge(String connectionId, String model, String instruction, List<String> texts) throws MergeUnavailable;

    /** The merge could not be made; its message is shown to the person who answered. */
    final class MergeUnavailable extends Exception {
        public MergeUnavailable(String message) {
            super(message);
        }
    }
}
