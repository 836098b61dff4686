package io.orchestrator.artifacts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range of a {@code Range} header a download serves: {@code bytes=0-99},
 * {@code bytes=100-} or {@code bytes=-100} (the last hundred). Several ranges at once are served
 * as the whole file, as HTTP allows.
 */
record ByteRange(long first, long last) {

    /** The range cannot be served from a file of that size: 416. */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    private static final Pattern SINGLE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    /** Empty when the whole file is to be sent (no header, one this server does not serve partly). */
    static Optional<ByteRange> of(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher range = SINGLE.matcher(header);
        if (!range.matches() || range.group(1).isEmpty() && range.group(2).isEmpty()) {
            return Optional.empty();
        }
        try {
            if (range.group(1).isEmpty()) {
                long suffix = Long.parseLong(range.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(range.group(1));
            long last = range.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(range.group(2)), size - 1);
            if (first >= size || !range.group(2).isEmpty() && Long.parseLong(range.group(2)) < first) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException huge) {
            throw new Unsatisfiable();
        }
    }

    long length() {
        return last - first + 1;
    }
}
