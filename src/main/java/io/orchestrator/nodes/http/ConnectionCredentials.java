package io.orchestrator.nodes.http;

import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.nodes.http.OutboundRequest.Header;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an {@code http} connection adds to an http-request node's call: its base URL in front of a
 * relative {@code url}, its headers, and its secret as credentials ({@code defaults.auth}:
 * {@code bearer} by default, {@code basic} with a {@code user:password} secret, or {@code header}
 * in {@code defaults.header_name}). The node's own headers win over the connection's. Every header
 * from the connection counts as a credential: a redirect to another origin does not carry it.
 */
public final class ConnectionCredentials {

    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private ConnectionCredentials() {}

    /** A URL without a scheme, joined to the connection's base URL when it has one; any other as it is. */
    public static JsonValue url(ConnectionSettings connection, JsonValue url) {
        if (!(url instanceof JsonString text)
                || connection.baseUrl() == null
                || HAS_SCHEME.matcher(text.getString().trim()).find()) {
            return url;
        }
        String base = connection.baseUrl().replaceAll("/+$", "");
        String path = text.getString().trim().replaceAll("^/+", "");
        return jakarta.json.Json.createValue(path.isEmpty() ? base : base + "/" + path);
    }

    public static OutboundRequest apply(ConnectionSettings connection, OutboundRequest request) {
        List<Header> headers = new ArrayList<>(request.headers());
        JsonObject given = connection.headers() == null ? JsonValue.EMPTY_JSON_OBJECT : connection.headers();
        for (Map.Entry<String, JsonValue> header : given.entrySet()) {
            if (header.getValue() instanceof JsonString value
                    && request.header(header.getKey()).isEmpty()) {
                headers.add(Header.credential(header.getKey(), value.getString()));
            }
        }
        Header auth = authorization(connection);
        if (auth != null && request.header(auth.name()).isEmpty()) {
            headers.add(auth);
        }
        return new OutboundRequest(request.method(), request.url(), headers, request.body());
    }

    private static Header authorization(ConnectionSettings connection) {
        String secret = connection.secret();
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        JsonObject defaults = connection.defaults() == null ? JsonValue.EMPTY_JSON_OBJECT : connection.defaults();
        return switch (defaults.getString("auth", "bearer")) {
            case "basic" ->
                Header.credential(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            case "header" -> Header.credential(defaults.getString("header_name", "Authorization"), secret);
            default -> Header.credential("Authorization", "Bearer " + secret);
        };
    }
}
