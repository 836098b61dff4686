package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one reader of request bodies, the API's JSON and webhooks' JSON or text alike, with one set
 * of limits: a body over the size limit is refused with 413 as soon as its declared length or its
 * count passes it, before it is read whole; bytes that are not UTF-8 are refused rather than turned
 * into U+FFFD; a document nested deeper than the depth limit is refused, so that no request can
 * exhaust the stack or the heap; numbers are kept as written. Malformed JSON is a 400 that says
 * where the parser stopped.
 */
@ApplicationScoped
public class BodyReader {

    @Inject
    OrchestratorConfig config;

    private long maxBytes;
    private int maxDepth;

    @PostConstruct
    void readLimits() {
        maxBytes = config.maxBodyBytes();
        maxDepth = config.maxJsonDepth();
    }

    /** A reader with limits of its own, outside the container. */
    public static BodyReader withLimits(long maxBytes, int maxDepth) {
        BodyReader reader = new BodyReader();
        reader.maxBytes = maxBytes;
        reader.maxDepth = maxDepth;
        return reader;
    }

    /** The one JSON document of a body; empty when the body is. */
    public Optional<JsonValue> json(InputStream body, String declaredLength) {
        PushbackInputStream stream = new PushbackInputStream(limited(body, declaredLength), 1);
        try {
            int first = stream.read();
            if (first < 0) {
                return Optional.empty();
            }
            stream.unread(first);
        } catch (BodyTooLarge tooLarge) {
            throw tooLarge();
        } catch (IOException broken) {
            throw unreadable();
        }
        try {
            // JSON on the wire is UTF-8 (RFC 8259): the strict decoder reports other bytes, which the
            // parser's own decoding would store as U+FFFD.
            return Optional.of(document(new InputStreamReader(stream, strictUtf8())));
        } catch (NotJson malformed) {
            throw ApiException.invalidRequest(malformed.getMessage());
        }
    }

    /** Every byte of a body, for a caller that needs them as sent (a webhook's signature covers them). */
    public byte[] bytes(InputStream body, String declaredLength) {
        try {
            return limited(body, declaredLength).readAllBytes();
        } catch (BodyTooLarge tooLarge) {
            throw tooLarge();
        } catch (IOException broken) {
            throw unreadable();
        }
    }

    /**
     * A body that may be JSON or text (a webhook's): null when empty; JSON when its content type
     * says so or it starts like an object or an array; text otherwise, and when it only looked
     * like JSON. Refused when it is not UTF-8, nests deeper than the limit, or says it is JSON and
     * is not.
     */
    public JsonValue jsonOrText(byte[] body, boolean declaredJson) {
        if (body.length == 0) {
            return JsonValue.NULL;
        }
        String text = utf8Text(body);
        String start = text.stripLeading();
        if (declaredJson || start.startsWith("{") || start.startsWith("[")) {
            try {
                return document(new StringReader(text));
            } catch (NotJson malformed) {
                if (declaredJson) {
                    throw ApiException.invalidRequest(malformed.getMessage());
                }
            }
        }
        return JSON.createValue(text);
    }

    /** The body as text, refused with a 400 when it is not UTF-8 (the decoder would turn such bytes into U+FFFD). */
    public String utf8Text(byte[] body) {
        try {
            return strictUtf8().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw ApiException.invalidRequest("The request body is not UTF-8 text");
        }
    }

    private JsonValue document(Reader text) throws NotJson {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonValue value = JsonText.read(parser, maxDepth);
            if (parser.hasNext()) {
                throw new NotJson("The request body has more than one JSON document");
            }
            return value;
        } catch (JsonText.TooDeep tooDeep) {
            throw ApiException.invalidRequest("The JSON document is nested deeper than " + maxDepth + " levels");
        } catch (JsonText.NumberTooLarge tooLarge) {
            throw new NotJson("A number ending " + where(tooLarge.getLocation()) + " is too long or too large to read");
        } catch (JsonParsingException malformed) {
            throw new NotJson("Malformed JSON " + where(malformed.getLocation()));
        } catch (JsonException malformed) {
            if (malformed.getCause() instanceof BodyTooLarge) {
                throw tooLarge();
            }
            throw new NotJson("Malformed JSON: the body ended early or is not UTF-8");
        }
    }

    private InputStream limited(InputStream body, String declaredLength) {
        if (declaredLength != null && parseLength(declaredLength) > maxBytes) {
            throw tooLarge();
        }
        return new LimitedInputStream(body, maxBytes);
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private ApiException tooLarge() {
        return new ApiException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes (ORCHESTRATOR_MAX_BODY_BYTES)");
    }

    private static ApiException unreadable() {
        return ApiException.invalidRequest("The request body could not be read to its end");
    }

    /** Text that is not one JSON document: a 400 for the API, plain text for a webhook that did not say JSON. */
    private static final class NotJson extends Exception {
        NotJson(String message) {
            super(message, null, false, false);
        }
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
