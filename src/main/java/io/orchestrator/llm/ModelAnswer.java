package io.orchestrator.llm;

/**
 * A model's answer as the llm node keeps it.
 *
 * @param finishReason the provider's word (stop, length, end_turn...), null when it gave none
 * @param raw what the provider answered: its JSON, or for a stream the data of its events, one a line
 * @param durationMillis from sending the request to the last byte
 */
public record ModelAnswer(
        String text, String finishReason, long promptTokens, long completionTokens, String raw, long durationMillis) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    public CachedAnswer toCached() {
        return new CachedAnswer(text, finishReason, promptTokens, completionTokens, raw);
    }

    public static ModelAnswer of(CachedAnswer cached, long durationMillis) {
        return new ModelAnswer(
                cached.text(),
                cached.finishReason(),
                cached.promptTokens(),
                cached.completionTokens(),
                cached.raw(),
                durationMillis);
    }
}
