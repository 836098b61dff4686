package io.orchestrator.blocks;

import java.util.List;

/** Prompt blocks as the llm node uses them: by id (the node's {@code blocks} field) and by title in a template. */
public interface PromptBlockLookup {

    /** A prompt block that a node or a template names but that does not exist. */
    final class UnknownBlock extends Exception {
        public UnknownBlock(String message) {
            super(message, null, false, false);
        }
    }

    /** The template with every {@code {{block:Title}}} replaced by that block's content. */
    String expand(String template) throws UnknownBlock;

    /** The contents of these blocks, in the order given. */
    List<String> contents(List<String> blockIds) throws UnknownBlock;

    /** The blocks a node of that workflow may use: those of the workflow's own workspace. */
    default PromptBlockLookup forWorkflow(String workflowId) {
        return this;
    }
}
