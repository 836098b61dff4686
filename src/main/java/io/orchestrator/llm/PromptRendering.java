package io.orchestrator.llm;

import io.orchestrator.blocks.PromptBlockLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages an llm node sends, from its templates once their {@code ${...}} are evaluated:
 * {@code {{block:Title}}} replaced by the block's content (in the system text and the prompt), the
 * contents of the node's {@code blocks} placed before the prompt in the order listed, and a
 * person's feedback, when the node runs again for it, as a last user message.
 */
public final class PromptRendering {

    private PromptRendering() {}

    public static List<ChatMessage> messages(
            String system, String prompt, List<String> blockIds, String feedback, PromptBlockLookup blocks)
            throws PromptBlockLookup.UnknownBlock {
        List<ChatMessage> messages = new ArrayList<>();
        String systemText = system == null ? "" : blocks.expand(system);
        if (!systemText.isBlank()) {
            messages.add(ChatMessage.system(systemText));
        }
        List<String> userParts = new ArrayList<>(blockIds.isEmpty() ? List.of() : blocks.contents(blockIds));
        String promptText = prompt == null ? "" : blocks.expand(prompt);
        if (!promptText.isBlank()) {
            userParts.add(promptText);
        }
        if (!userParts.isEmpty()) {
            messages.add(ChatMessage.user(String.join("\n\n", userParts)));
        }
        if (feedback != null && !feedback.isBlank()) {
            messages.add(ChatMessage.user(feedback));
        }
        return messages;
    }
}
