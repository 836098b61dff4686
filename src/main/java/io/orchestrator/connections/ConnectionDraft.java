package io.orchestrator.connections;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * A connection's settings as a request gave them, validated, before they are stored.
 *
 * @param secret what to do with the stored secret
 * @param workspace where it is made; a connection stays in it
 */
public record ConnectionDraft(
        String name,
        ConnectionKind kind,
        String baseUrl,
        SecretChange secret,
        JsonObject headers,
        JsonArray models,
        JsonObject prices,
        JsonObject defaults,
        String workspace) {

    /** A request either keeps the stored secret (by sending the mask back), removes it, or sets a new one. */
    public sealed interface SecretChange {
        record Keep() implements SecretChange {}

        record Remove() implements SecretChange {}

        record Set(String clear) implements SecretChange {
            @Override
            public String toString() {
                return "Set[********]";
            }
        }
    }
}
