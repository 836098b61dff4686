package io.orchestrator.connections;

import io.orchestrator.security.SecretMask;
import jakarta.json.JsonObject;

/**
 * A connection as the server uses it: the secret in clear, never to be answered, logged or
 * written into a run. The API's view of a connection is built elsewhere, with the secret masked.
 *
 * @param headers extra request headers (name to value)
 * @param models the models the connection offers, as a list of names or of objects
 * @param prices per model: {@code {input_per_1k, output_per_1k}} in USD
 * @param defaults parameters a node does not set (temperature, max_tokens...)
 */
public record ConnectionSettings(
        String id,
        String name,
        ConnectionKind kind,
        String baseUrl,
        String secret,
        JsonObject headers,
        jakarta.json.JsonArray models,
        JsonObject prices,
        JsonObject defaults,
        String workspace) {

    /** A record names every component; this one keeps the secret out of any log line that prints it. */
    @Override
    public String toString() {
        return "ConnectionSettings[id=" + id + ", name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl
                + ", secret=" + (secret == null ? "null" : SecretMask.TEXT) + "]";
    }
}
