package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads every JSON request body. It takes the body whatever its content type (curl's {@code -d}
 * says form-urlencoded), refuses bodies over the size limit with 413 before reading them whole, and
 * refuses documents nested deeper than the depth limit, so that no request can exhaust the stack or
 * the heap. Malformed JSON is a 400 that says where the parser stopped.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class JsonBodyReader implements MessageBodyReader<JsonValue> {

    @Inject
    OrchestratorConfig config;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonValue.class.isAssignableFrom(type);
    }

    @Override
    public JsonValue readFrom(Class<JsonValue> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                              MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        long limit = config.maxBodyBytes();
        String declaredLength = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declaredLength != null && parseLength(declaredLength) > limit) {
            throw tooLarge(limit);
        }
        PushbackInputStream stream = new PushbackInputStream(new LimitedInputStream(body, limit), 1);
        int first = stream.read();
        if (first < 0) {
            if (java.util.Arrays.stream(annotations).anyMatch(OptionalBody.class::isInstance)) {
                return JsonValue.NULL;
            }
            throw ApiException.invalidRequest("The request body is empty; send a JSON document");
        }
        stream.unread(first);
        JsonValue value;
        // JSON on the wire is UTF-8 (RFC 8259); a strict decoder refuses other bytes instead of
        // storing U+FFFD in their place, which the parser's own decoding would do.
        Reader utf8 = new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonParser parser = JSON.createParser(utf8)) {
            value = readValue(parser, parser.next(), 1);
            if (parser.hasNext()) {
                throw ApiException.invalidRequest("The request body has more than one JSON document");
            }
        } catch (JsonParsingException malformed) {
            throw ApiException.invalidRequest("Malformed JSON " + where(malformed.getLocation()));
        } catch (JsonException malformed) {
            if (malformed.getCause() instanceof BodyTooLarge) {
                throw tooLarge(limit);
            }
            throw ApiException.invalidRequest("Malformed JSON: the body ended early or is not UTF-8");
        }
        if (!type.isInstance(value)) {
            throw ApiException.invalidRequest("The request body must be a JSON " + expected(type));
        }
        return value;
    }

    private JsonValue readValue(JsonParser parser, JsonParser.Event event, int depth) {
        if ((event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY)
                && depth > config.maxJsonDepth()) {
            throw ApiException.invalidRequest("The JSON document is nested deeper than " + config.maxJsonDepth() + " levels");
        }
        switch (event) {
            case START_OBJECT: {
                JsonObjectBuilder object = JSON.createObjectBuilder();
                JsonParser.Event next;
                while ((next = parser.next()) != JsonParser.Event.END_OBJECT) {
                    String key = parser.getString();
                    object.add(key, readValue(parser, parser.next(), depth + 1));
                }
                return object.build();
            }
            case START_ARRAY: {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                JsonParser.Event next;
                while ((next = parser.next()) != JsonParser.Event.END_ARRAY) {
                    array.add(readValue(parser, next, depth + 1));
                }
                return array.build();
            }
            case VALUE_STRING:
                return JSON.createValue(parser.getString());
            case VALUE_NUMBER:
                // The number as written: getLong() would wrap an integer past the range of a long
                // (10^20 would read 7766279631452241920).
                return parser.getValue();
            case VALUE_TRUE:
                return JsonValue.TRUE;
            case VALUE_FALSE:
                return JsonValue.FALSE;
            case VALUE_NULL:
                return JsonValue.NULL;
            default:
                throw ApiException.invalidRequest("Malformed JSON " + where(parser.getLocation()));
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static String expected(Class<?> type) {
        return jakarta.json.JsonObject.class.isAssignableFrom(type) ? "object"
                : jakarta.json.JsonArray.class.isAssignableFrom(type) ? "array" : "value";
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + limit + " bytes (ORCHESTRATOR_MAX_BODY_BYTES)");
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body too large", null);
        }
    }

    /** Stops reading a body without a Content-Length once it passes the limit. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(long read) throws IOException {
            count += read;
            if (count > limit) {
                throw new BodyTooLarge();
            }
        }
    }

}
