package io.orchestrator.llm;

/**
 * A model's answer to one candidate's request, as the response cache keeps it.
 *
 * @param raw the provider's answer as it came (JSON text), kept for the llm_response record
 */
public record CachedAnswer(String text, String finishReason, long promptTokens, long completionTokens, String raw) {}
