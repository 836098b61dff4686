package io.orchestrator.nodes.http;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.http.OutboundRequest.Header;
import io.orchestrator.platform.HttpUrls;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code http-request} node's form values, expressions already evaluated, turned into an
 * {@link OutboundRequest}. Each problem is a {@code validation} failure naming the field.
 */
public final class RequestForm {

    private RequestForm() {}

    /**
     * The request: {@code query} is added to the URL's own query, encoded; a string {@code body} is
     * sent as it is ({@code text/plain}), any other JSON as {@code application/json}, unless a
     * {@code Content-Type} header says otherwise.
     */
    public static OutboundRequest request(
            String method, JsonValue url, JsonValue headers, JsonValue query, JsonValue body) throws NodeFailure {
        List<Header> headerList = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : pairs("headers", headers)) {
            header.getValue().forEach(value -> headerList.add(new Header(header.getKey(), value)));
        }
        byte[] bytes = null;
        if (body != null && body.getValueType() != ValueType.NULL) {
            boolean text = body instanceof JsonString;
            bytes = (text ? ((JsonString) body).getString() : body.toString()).getBytes(StandardCharsets.UTF_8);
            if (headerList.stream().noneMatch(header -> header.is("content-type"))) {
                headerList.add(new Header("Content-Type", text ? "text/plain; charset=utf-8" : "application/json"));
            }
        }
        return new OutboundRequest(method, withQuery(url(url), pairs("query", query)), headerList, bytes);
    }

    /** The attempt's timeout: the field's (30 s when absent), cut to what the attempt has left. */
    public static Duration timeout(JsonValue timeoutMs, long remainingMillis) throws NodeFailure {
        long millis = 30_000;
        if (timeoutMs instanceof JsonNumber number && number.isIntegral()) {
            millis = number.longValue();
        } else if (timeoutMs instanceof JsonString text
                && text.getString().trim().matches("\\d{1,9}")) {
            millis = Long.parseLong(text.getString().trim());
        } else if (timeoutMs != null && timeoutMs.getValueType() != ValueType.NULL) {
            throw new NodeFailure(
                    ErrorType.VALIDATION, "timeout_ms must be a whole number of milliseconds, not " + timeoutMs + ".");
        }
        if (millis < 1 || millis > 300_000) {
            throw new NodeFailure(ErrorType.VALIDATION, "timeout_ms must be between 1 and 300000, not " + millis + ".");
        }
        if (remainingMillis <= 0) {
            throw new NodeFailure(ErrorType.TIMEOUT, "The node's time ran out before the request could be sent.");
        }
        return Duration.ofMillis(Math.min(millis, remainingMillis));
    }

    private static URI url(JsonValue url) throws NodeFailure {
        if (!(url instanceof JsonString text) || text.getString().isBlank()) {
            throw new NodeFailure(ErrorType.VALIDATION, "url is required: the URL to call.");
        }
        String problem = HttpUrls.problemWith(text.getString());
        if (problem != null) {
            throw new NodeFailure(ErrorType.VALIDATION, "url '" + text.getString() + "': " + problem);
        }
        return URI.create(text.getString().trim());
    }

    private static URI withQuery(URI url, List<Map.Entry<String, List<String>>> parameters) {
        if (parameters.isEmpty()) {
            return url;
        }
        StringBuilder query = new StringBuilder(url.getRawQuery() == null ? "" : url.getRawQuery());
        for (Map.Entry<String, List<String>> parameter : parameters) {
            for (String value : parameter.getValue()) {
                query.append(query.length() == 0 ? "" : "&")
                        .append(encode(parameter.getKey()))
                        .append('=')
                        .append(encode(value));
            }
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        // The fragment is never sent, so it is left out rather than put back after the query.
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path + "?" + query);
    }

    /** Query components percent-encoded, a space as %20 rather than the form encoding's '+'. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An object of name → value, a list value meaning the name repeats; null values are left out. */
    private static List<Map.Entry<String, List<String>>> pairs(String field, JsonValue value) throws NodeFailure {
        if (value == null || value.getValueType() == ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw new NodeFailure(ErrorType.VALIDATION, field + " must be an object of name to value.");
        }
        List<Map.Entry<String, List<String>>> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            List<String> values = new ArrayList<>();
            for (JsonValue item : entry.getValue() instanceof JsonArray list ? list : List.of(entry.getValue())) {
                if (item.getValueType() == ValueType.OBJECT || item.getValueType() == ValueType.ARRAY) {
                    throw new NodeFailure(
                            ErrorType.VALIDATION,
                            field + "." + entry.getKey() + " must be text, a number,"
                                    + " a boolean or a list of them.");
                }
                if (item.getValueType() != ValueType.NULL) {
                    values.add(item instanceof JsonString text ? text.getString() : item.toString());
                }
            }
            pairs.add(Map.entry(entry.getKey(), values));
        }
        return pairs;
    }
}
