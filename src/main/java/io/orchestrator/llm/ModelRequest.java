package io.orchestrator.llm;

import java.time.Duration;
import java.util.List;

/**
 * One generation asked of one model.
 *
 * @param temperature null to leave it to the server
 * @param maxTokens null to leave it to the server (Anthropic requires one: a default is sent)
 * @param stop sequences that end the answer; empty for none
 * @param stream whether to use the provider's streaming, feeding content pieces as they come
 * @param timeout how long the whole exchange may take
 */
public record ModelRequest(
        String model,
        List<ChatMessage> messages,
        Double temperature,
        Integer maxTokens,
        List<String> stop,
        boolean stream,
        Duration timeout) {

    public ModelRequest {
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** The system messages joined (for providers that take the system prompt apart). */
    public String systemText() {
        return String.join(
                "\n\n",
                messages.stream()
                        .filter(ChatMessage::isSystem)
                        .map(ChatMessage::content)
                        .toList());
    }

    public List<ChatMessage> conversation() {
        return messages.stream().filter(message -> !message.isSystem()).toList();
    }
}
