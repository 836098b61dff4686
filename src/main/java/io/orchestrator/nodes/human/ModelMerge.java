package io.orchestrator.nodes.human;

import java.util.List;

/**
 * Merges several selected texts into one with a model (a human-input node's {@code merge}:
 * {@code {connection, model, instruction}}). The model call belongs to the llm package.
 */
public interface ModelMerge {

    /** The merged text; {@code instruction} is the person's, or else the node's. */
    String merge(String connectionId, String model, String instruction, List<String> texts) throws MergeUnavailable;

    /**
     * The same for a node of that workflow, which may use only its own workspace's connections;
     * an implementation that has no workspaces merges as {@link #merge} does.
     */
    default String mergeFor(
            String workflowId, String connectionId, String model, String instruction, List<String> texts)
            throws MergeUnavailable {
        return merge(connectionId, model, instruction, texts);
    }

    /** The merge could not be made; its message is shown to the person who answered. */
    final class MergeUnavailable extends Exception {
        public MergeUnavailable(String message) {
            super(message);
        }
    }
}
