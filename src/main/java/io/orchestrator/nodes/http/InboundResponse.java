package io.orchestrator.nodes.http;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.JsonText;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A response as the node outputs it: the status, the headers with lower-case names, and the body as
 * JSON when it is JSON (by its content type, or by its look when the type is missing or plain
 * text) within the limits of {@link JsonText#parseOutside} (a 10 MB document would be a tree of
 * 100 MB or more), else as text; null for an empty body.
 */
public record InboundResponse(int status, URI url, Map<String, List<String>> headers, JsonValue body) {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"),
            Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));
    private static final int EXCERPT_LENGTH = 200;

    /** The response to a request for {@code url} (the client's own URL may name the address it connected to). */
    static InboundResponse of(HttpResponse<byte[]> response, URI url) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                        .addAll(values);
            }
        });
        Optional<String> contentType = response.headers().firstValue("content-type");
        return new InboundResponse(response.statusCode(), url, headers, body(response.body(), contentType));
    }

    public Optional<String> header(String lowerCaseName) {
        List<String> values = headers.getOrDefault(lowerCaseName, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headerValues(String lowerCaseName) {
        return headers.getOrDefault(lowerCaseName, List.of());
    }

    /** {@code {status, headers, body}}: a header with one value is a string, with several a list. */
    public JsonObject toJson() {
        JsonObjectBuilder headerObject = JSON.createObjectBuilder();
        headers.forEach((name, values) -> {
            if (values.size() == 1) {
                headerObject.add(name, values.get(0));
            } else {
                JsonArrayBuilder list = JSON.createArrayBuilder();
                values.forEach(list::add);
                headerObject.add(name, list);
            }
        });
        return JSON.createObjectBuilder()
                .add("status", status)
                .add("headers", headerObject)
                .add("body", body)
                .build();
    }

    /** For a failed call: {@code HTTP 503 from example.com: Service Unavailable: <what the body says>}. */
    public String failureMessage() {
        StringBuilder message =
                new StringBuilder("HTTP ").append(status).append(" from ").append(url.getHost());
        String reason = REASONS.get(status);
        String said = excerpt();
        if (reason != null || said != null) {
            message.append(": ").append(reason == null ? said : said == null ? reason : reason + ": " + said);
        }
        return message.toString();
    }

    /** The first line of a text body, or the message of a JSON error body, cut short. */
    private String excerpt() {
        String text = null;
        if (body instanceof JsonString string) {
            text = string.getString().strip().lines().findFirst().orElse("");
        } else if (body instanceof JsonObject object) {
            for (String field : List.of("message", "error", "detail", "title")) {
                if (object.get(field) instanceof JsonString string) {
                    text = string.getString();
                    break;
                }
            }
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.length() > EXCERPT_LENGTH ? text.substring(0, EXCERPT_LENGTH) + "…" : text;
    }

    private static JsonValue body(byte[] bytes, Optional<String> contentType) {
        if (bytes.length == 0) {
            return JsonValue.NULL;
        }
        String mediaType = contentType
                .map(type -> type.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        String text = new String(bytes, charset(contentType.orElse("")));
        boolean declaredJson =
                mediaType.equals("application/json") || mediaType.endsWith("+json") || mediaType.equals("text/json");
        boolean mayBeJson = mediaType.isEmpty() || mediaType.equals("text/plain");
        String start = text.stripLeading();
        if (declaredJson || mayBeJson && (start.startsWith("{") || start.startsWith("["))) {
            try {
                return JsonText.parseOutside(text);
            } catch (JsonException notJson) {
                // A body that says it is JSON and is not is still worth seeing: it goes out as text.
            }
        }
        return JSON.createValue(text);
    }

    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].trim().replace("\"", ""));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
