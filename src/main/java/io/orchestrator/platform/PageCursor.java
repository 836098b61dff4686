package io.orchestrator.platform;

import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of a newest-first list ended (its last item's creation time and id), handed to the
 * client as an opaque {@code next_cursor}: the next page starts after it by an index range, however
 * deep, where an offset would make the database step over every row before it.
 */
public record PageCursor(Instant createdAt, String id) {

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code cursor} parameter as sent: null when absent, a 400 when it is malformed or comes
     * with an {@code offset} (one way to page at a time).
     */
    public static PageCursor fromParameter(String cursor, int offset) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        if (offset > 0) {
            throw ApiException.invalidRequest("give cursor or offset, not both");
        }
        return decode(cursor);
    }

    /** The {@code next_cursor} of a page: where its last row is, or null when no row follows. */
    public static JsonValue next(boolean more, Instant lastCreatedAt, String lastId) {
        return more && lastId != null
                ? Jsonp.JSON.createValue(new PageCursor(lastCreatedAt, lastId).encode())
                : JsonValue.NULL;
    }

    /** The cursor a client sent back; a 400 when it is not one this server made. */
    public static PageCursor decode(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar > 0 && bar < decoded.length() - 1 && decoded.length() < 200) {
                return new PageCursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
            }
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            // reported below
        }
        throw ApiException.invalidRequest("cursor must be a next_cursor this server gave, unchanged");
    }
}
