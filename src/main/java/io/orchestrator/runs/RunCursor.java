package io.orchestrator.runs;

import io.orchestrator.platform.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of runs ended (its last run's creation time and id), handed to the client as an
 * opaque {@code next_cursor}: the next page starts after it by an index range, however deep, where
 * an offset would make the database step over every run before it.
 */
record RunCursor(Instant createdAt, String id) {

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; a 400 when it is not one this server made. */
    static RunCursor decode(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar > 0 && bar < decoded.length() - 1 && decoded.length() < 200) {
                return new RunCursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
            }
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            // reported below
        }
        throw ApiException.invalidRequest("cursor must be a next_cursor this server gave, unchanged");
    }
}
