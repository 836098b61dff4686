package io.orchestrator.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small JSON client over the JDK's HttpClient, as an API user would write one. */
public final class Api {

    /** What came back: status, headers and the body as JSON (null when it is not JSON). */
    public record Response(int status, java.net.http.HttpHeaders headers, String text) {

        public JsonValue json() {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return parse(text);
            } catch (RuntimeException notJson) {
                return null;
            }
        }

        public JsonObject object() {
            JsonValue value = json();
            if (!(value instanceof JsonObject object)) {
                throw new AssertionError("Expected a JSON object, got status " + status + ": " + text);
            }
            return object;
        }

        public JsonArray array() {
            JsonValue value = json();
            if (!(value instanceof JsonArray array)) {
                throw new AssertionError("Expected a JSON array, got status " + status + ": " + text);
            }
            return array;
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The body as an object, after checking the status: the message shows the body when it differs. */
        public JsonObject object(int expectedStatus) {
            assertEquals(expectedStatus, status, this::toString);
            return object();
        }

        public JsonArray array(int expectedStatus) {
            assertEquals(expectedStatus, status, this::toString);
            return array();
        }

        /**
         * Checks an error answer as the contract has it, {@code {error, code, details}} with a human
         * message and nothing of the server's insides, and returns its details.
         */
        public JsonObject error(int expectedStatus, String expectedCode) {
            JsonObject body = object(expectedStatus);
            assertEquals(expectedCode, body.getString("code", null), this::toString);
            assertFalse(body.getString("error", "").isBlank(), () -> "the error has a message: " + this);
            assertTrue(body.get("details") instanceof JsonObject, () -> "details is an object: " + this);
            assertEquals(3, body.size(), () -> "only error, code and details: " + this);
            for (String leak : List.of("Exception", "\tat ", "java.", "jakarta.", "io.orchestrator", "org.hibernate")) {
                assertFalse(text.contains(leak), () -> "no stack trace or class name (" + leak + ") in " + this);
            }
            assertTrue(header("X-Request-ID").isPresent(), () -> "every answer has an X-Request-ID: " + this);
            return body.getJsonObject("details");
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /** Parses JSON text (a stored column, an expected value) the way answers are parsed. */
    public static JsonValue parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** The strings of a JSON array, for comparing lists of ids, routes and names. */
    public static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    /**
     * On Payara, HTTP/1.1: the JDK client otherwise offers an upgrade to HTTP/2 in clear text (h2c), and
     * on such a connection Payara 6 leaves a body it answered early (a 413) unread without releasing the
     * stream's window, so the client hangs. Browsers never speak h2c; Liberty's run keeps the default.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(PayaraMicro.selected() ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
            .build();

    private final URI base;
    private final String token;
    private final Map<String, String> headers;

    public Api(URI base, String token) {
        this(base, token, Map.of());
    }

    private Api(URI base, String token, Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    public Api withToken(String otherToken) {
        return new Api(base, otherToken, headers);
    }

    /** The same client sending one more header on every request (or overriding Authorization). */
    public Api withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(base, token, more);
    }

    public URI base() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Response put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    public Response post(String path, JsonValue json) {
        return post(path, json.toString());
    }

    public Response put(String path, JsonValue json) {
        return put(path, json.toString());
    }

    public Response patch(String path, JsonValue json) {
        return patch(path, json.toString());
    }

    /** Any request, with any body and content type (null for none), for the tests of bad input. */
    public Response send(String method, String path, String body, String contentType) {
        return sendBody(
                method,
                path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                contentType);
    }

    /** Any request with a body publisher of its own (a stream without a length is sent chunked). */
    public Response sendBody(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        // Not base.resolve(path): that would normalise away the "../" a test of bad paths sends on purpose.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException(method + " " + path + " failed", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
