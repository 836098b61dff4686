package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One candidate in the llm node's output. Besides the documented fields it says under which
 * {@code cache_key} it was looked up, so that development mode can answer {@code X-Cache-Key}.
 */
final class CandidateJson {

    private CandidateJson() {}

    /** @param cacheKey the key the candidate was looked up under in the response cache, null when not used */
    static JsonObject of(
            int index,
            String id,
            ModelChoice choice,
            ModelAnswer answer,
            BigDecimal cost,
            boolean cached,
            String cacheKey) {
        return JSON.createObjectBuilder()
                .add("index", index)
                .add("id", id)
                .add("connection", choice.connection())
                .add("model", choice.model())
                .add("text", answer.text())
                .add(
                        "finish_reason",
                        answer.finishReason() == null ? JsonValue.NULL : JSON.createValue(answer.finishReason()))
                .add("tokens", LlmResponseJson.tokens(answer.promptTokens(), answer.completionTokens()))
                .add("duration_ms", answer.durationMillis())
                .add("tokens_per_second", cached ? BigDecimal.ZERO : tokensPerSecond(answer))
                .add("cost_usd", Prices.exact(cost))
                .add("cached", cached)
                .add("cache_key", cacheKey == null ? JsonValue.NULL : JSON.createValue(cacheKey))
                .build();
    }

    /** Completion tokens over the whole call's time, to two decimals; 0 for an instant answer. */
    static BigDecimal tokensPerSecond(ModelAnswer answer) {
        if (answer.durationMillis() <= 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(answer.completionTokens())
                .multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(answer.durationMillis()), 2, RoundingMode.HALF_UP);
    }
}
