package io.orchestrator.llm;

import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.security.SecretMask;
import jakarta.json.JsonString;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model server answers and how to sign in: what a protocol needs of a connection. The
 * secret stays here; every message built from a call goes through {@link #masked(String)}.
 *
 * @param name the connection's name, for messages
 * @param headers extra headers sent with every request
 */
public record ModelEndpoint(String name, String baseUrl, String secret, Map<String, String> headers) {

    private static final int MIN_MASKED_LENGTH = 8;

    public ModelEndpoint {
        baseUrl = withoutTrailingSlash(baseUrl);
        headers = Map.copyOf(headers);
    }

    public static ModelEndpoint of(ConnectionSettings connection) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (connection.headers() != null) {
            connection.headers().forEach((name, value) -> {
                if (value instanceof JsonString text) {
                    headers.put(name, text.getString());
                }
            });
        }
        return new ModelEndpoint(connection.name(), connection.baseUrl(), connection.secret(), headers);
    }

    public boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    /** The URL of a path under the base URL ({@code /chat/completions}). */
    public String url(String path) {
        return baseUrl + path;
    }

    /**
     * The text with the secret hidden, in case a server echoed it in an error. A secret too short
     * to be a real key would be found inside ordinary words, and is left alone.
     */
    public String masked(String text) {
        return hasSecret() && secret.length() >= MIN_MASKED_LENGTH && text != null
                ? text.replace(secret, SecretMask.TEXT)
                : text;
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url == null ? "" : url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
