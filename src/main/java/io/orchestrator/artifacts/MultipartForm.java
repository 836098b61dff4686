package io.orchestrator.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body read as it arrives: each part's content is a stream that ends
 * at the next boundary, so a file of any size passes through a buffer of 64 KB on its way to disk.
 * Parts must be read in order; asking for the next part skips what is left of the current one.
 */
final class MultipartForm {

    /** The body is not the multipart form it says it is. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** One field of the form: its name, the client's file name (null for a plain field), type and content. */
    record Part(String name, String fileName, String contentType, InputStream content) {

        /** A plain field's value, up to {@code maxChars}. */
        String text(int maxChars) throws IOException {
            byte[] bytes = content.readNBytes(maxChars * 4 + 1);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (bytes.length > maxChars * 4 || text.length() > maxChars) {
                throw new Malformed("the field '" + name + "' is longer than " + maxChars + " characters");
            }
            return text;
        }
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 8 * 1024;
    /** A form of ours has a handful of fields: a body of thousands of tiny parts is refused. */
    static final int MAX_PARTS = 32;

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern DISPOSITION_PARAMETER =
            Pattern.compile("(?i);\\s*(name|filename)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]*))");

    private final InputStream body;
    /** "\r\n--boundary": what ends a part's content. */
    private final byte[] delimiter;

    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private boolean finished;
    private PartContent current;
    private int parts;

    private MultipartForm(InputStream body, String boundary) {
        this.body = body;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The form of a body whose content type is {@code contentType}; malformed when it names no boundary. */
    static MultipartForm of(InputStream body, String contentType) throws Malformed {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new Malformed("the body must be multipart/form-data");
        }
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw new Malformed("the multipart/form-data content type names no boundary");
        }
        return new MultipartForm(body, boundary.group(1) != null ? boundary.group(1) : boundary.group(2));
    }

    /** The next part, or null after the last. */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current == null) {
            skipPreamble();
        } else {
            current.skipRest();
        }
        // After a boundary: "--" ends the form, else the line ends and the part's headers follow.
        if (!fill(2)) {
            throw new Malformed("the body ends inside a boundary");
        }
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            finished = true;
            return null;
        }
        skipLineEnd();
        if (++parts > MAX_PARTS) {
            throw new Malformed("the form has more than " + MAX_PARTS + " parts");
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.getOrDefault("content-disposition", "");
        if (!disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new Malformed("a part has no Content-Disposition: form-data header");
        }
        String name = null;
        String fileName = null;
        Matcher parameter = DISPOSITION_PARAMETER.matcher(disposition);
        while (parameter.find()) {
            // Browsers send a Windows path's backslashes as they are: only an escaped quote is unescaped.
            String value = parameter.group(2) != null ? parameter.group(2).replace("\\\"", "\"") : parameter.group(3);
            if (parameter.group(1).equalsIgnoreCase("name")) {
                name = value;
            } else {
                fileName = value;
            }
        }
        if (name == null) {
            throw new Malformed("a part has no name");
        }
        current = new PartContent();
        return new Part(name, fileName, headers.get("content-type"), current);
    }

    /** Everything up to the first boundary (the preamble, usually nothing) is skipped. */
    private void skipPreamble() throws IOException {
        // The first boundary may come without the line end before it: pretend one was there.
        byte[] first = new byte[delimiter.length - 2];
        System.arraycopy(delimiter, 2, first, 0, first.length);
        if (fill(first.length) && startsWith(first, position)) {
            position += first.length;
            return;
        }
        current = new PartContent();
        current.skipRest();
    }

    private void skipLineEnd() throws IOException {
        // Transport padding (spaces) may come before the line end.
        while (fill(1) && (buffer[position] == ' ' || buffer[position] == '\t')) {
            position++;
        }
        if (fill(2) && buffer[position] == '\r' && buffer[position + 1] == '\n') {
            position += 2;
            return;
        }
        throw new Malformed("a boundary is not followed by a line end");
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int read = 0;
        while (true) {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (!fill(1)) {
                    throw new Malformed("the body ends inside a part's headers");
                }
                byte b = buffer[position++];
                if (++read > MAX_HEADER_BYTES) {
                    throw new Malformed("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
                }
                if (b == '\n') {
                    break;
                }
                if (b != '\r') {
                    line.append((char) (b & 0xff));
                }
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(":");
            if (colon > 0) {
                String value = new String(
                        line.substring(colon + 1).strip().getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), value);
            }
        }
    }

    /** Makes at least {@code count} unread bytes available; false when the body ends first. */
    private boolean fill(int count) throws IOException {
        if (limit - position >= count) {
            return true;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < count) {
            int read = body.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    private boolean startsWith(byte[] bytes, int at) {
        for (int i = 0; i < bytes.length; i++) {
            if (buffer[at + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where the delimiter starts in the unread bytes before {@code end}, or -1. */
    private int delimiterAt(int end) {
        byte first = delimiter[0];
        for (int i = position, last = end - delimiter.length; i <= last; i++) {
            if (buffer[i] == first && startsWith(delimiter, i)) {
                return i;
            }
        }
        return -1;
    }

    /** A part's content: the bytes up to the delimiter, which is consumed when reached. */
    private final class PartContent extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            boolean whole = fill(delimiter.length);
            // Only as far as this read can return: a small read does not scan the whole buffer.
            int window = Math.min(limit, position + length + delimiter.length - 1);
            int end = delimiterAt(window);
            int available;
            if (end >= 0) {
                available = end - position;
                if (available == 0) {
                    position += delimiter.length;
                    ended = true;
                    return -1;
                }
            } else if (!whole) {
                throw new Malformed("the body ends before the closing boundary");
            } else {
                // What cannot be the start of a delimiter split over two reads.
                available = window - position - (delimiter.length - 1);
                if (available <= 0) {
                    fillMore();
                    return read(target, offset, length);
                }
            }
            int count = Math.min(available, length);
            System.arraycopy(buffer, position, target, offset, count);
            position += count;
            return count;
        }

        /** Reads more of the body behind what is buffered. */
        private void fillMore() throws IOException {
            if (!fill(limit - position + 1)) {
                throw new Malformed("the body ends before the closing boundary");
            }
        }

        void skipRest() throws IOException {
            byte[] skipped = new byte[BUFFER];
            while (read(skipped, 0, skipped.length) >= 0) {
                // drained
            }
        }
    }
}
