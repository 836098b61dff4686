package io.orchestrator.llm;

/**
 * A token count for a server that reports none: about four characters a token, the usual rule of
 * thumb for English text with BPE tokenizers. Used only when the server's own count is missing.
 */
final class TokenEstimate {

    private TokenEstimate() {}

    static long of(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }
}
