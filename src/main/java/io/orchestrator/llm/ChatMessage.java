package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Objects;

/** One message of a chat as the llm node sends it: {@code system}, {@code user} or {@code assistant}. */
public record ChatMessage(String role, String content) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public ChatMessage {
        Objects.requireNonNull(role);
        Objects.requireNonNull(content);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(USER, content);
    }

    public boolean isSystem() {
        return SYSTEM.equals(role);
    }

    public JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("role", role)
                .add("content", content)
                .build();
    }

    /** {@code [{role, content}...]}: OpenAI's shape, and the one the run keeps. */
    public static JsonArray toJson(List<ChatMessage> messages) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        messages.forEach(message -> array.add(message.toJson()));
        return array.build();
    }
}
