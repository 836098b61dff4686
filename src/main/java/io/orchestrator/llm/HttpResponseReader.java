package io.orchestrator.llm;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 response read as its bytes arrive, in pieces of any size: the status line and the
 * headers, then the body as the server framed it (chunked, a {@code Content-Length}, or up to the
 * connection's close), handed on decoded. Informational (1xx) heads before the response are
 * skipped. What is not HTTP/1.x is a {@link ProtocolException}.
 */
final class HttpResponseReader {

    /** Where the decoded body goes. */
    interface Body {

        /** The response's head was read: its status, before any of its body. */
        void status(int status);

        /** The next decoded bytes of the body, to be read before this returns. */
        void read(ByteBuffer bytes);
    }

    /** A line of the head, or of the chunked framing, may not be longer. */
    static final int MAX_LINE_BYTES = 16 * 1024;
    /** The whole head, headers included, may not be larger. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private enum State {
        STATUS_LINE,
        HEADERS,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        LENGTH,
        UNTIL_CLOSE,
        DONE
    }

    private final Body body;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private State state = State.STATUS_LINE;
    private int status;
    private int headBytes;
    private boolean chunked;
    private long contentLength = -1;
    /** Left to read of the current chunk, or of a body with a length. */
    private long remaining;

    HttpResponseReader(Body body) {
        this.body = body;
    }

    /** Reads the bytes to their end, or to the end of the response; true once the response is complete. */
    boolean read(ByteBuffer bytes) throws ProtocolException {
        while (bytes.hasRemaining() && state != State.DONE) {
            switch (state) {
                case CHUNK_DATA, LENGTH -> {
                    int length = (int) Math.min(remaining, bytes.remaining());
                    hand(bytes, length);
                    remaining -= length;
                    if (remaining == 0) {
                        state = state == State.LENGTH ? State.DONE : State.CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> hand(bytes, bytes.remaining());
                default -> {
                    String text = line(bytes);
                    if (text != null) {
                        endOfLine(text);
                    }
                }
            }
        }
        return state == State.DONE;
    }

    /** The connection was closed: fine for a body that runs until then, else the response was cut. */
    boolean closed() throws ProtocolException {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
        }
        if (state != State.DONE) {
            throw new ProtocolException(
                    state == State.STATUS_LINE && headBytes == 0
                            ? "the server closed the connection without answering"
                            : "the server closed the connection before the end of its answer");
        }
        return true;
    }

    private void hand(ByteBuffer bytes, int length) {
        ByteBuffer piece = bytes.slice(bytes.position(), length);
        bytes.position(bytes.position() + length);
        body.read(piece);
    }

    /** The line that these bytes end, without its "\r\n" or "\n"; null when it goes on past them. */
    private String line(ByteBuffer bytes) throws ProtocolException {
        boolean inHead = state == State.STATUS_LINE || state == State.HEADERS;
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (inHead && ++headBytes > MAX_HEAD_BYTES) {
                throw new ProtocolException("the answer's headers are larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                line.reset();
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new ProtocolException(
                        "a line of the answer's framing is longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return null;
    }

    private void endOfLine(String text) throws ProtocolException {
        switch (state) {
            case STATUS_LINE -> {
                status = statusOf(text);
                chunked = false;
                contentLength = -1;
                state = State.HEADERS;
            }
            case HEADERS -> {
                if (text.isEmpty()) {
                    endOfHead();
                } else {
                    header(text);
                }
            }
            case CHUNK_SIZE -> {
                remaining = chunkSize(text);
                state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_END -> {
                if (!text.isEmpty()) {
                    throw new ProtocolException("a chunk of the answer is longer than its size says");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (text.isEmpty()) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException("no line is read in state " + state);
        }
    }

    private static int statusOf(String statusLine) throws ProtocolException {
        // "HTTP/1.1 200 OK"; the reason phrase may be missing.
        if (statusLine.startsWith("HTTP/1.") && statusLine.length() >= 12 && statusLine.charAt(8) == ' ') {
            String code = statusLine.substring(9, 12);
            if (code.chars().allMatch(c -> c >= '0' && c <= '9')
                    && (statusLine.length() == 12 || statusLine.charAt(12) == ' ')) {
                return Integer.parseInt(code);
            }
        }
        throw new ProtocolException("the server did not answer in HTTP/1.x: '" + ModelHttp.excerpt(statusLine) + "'");
    }

    private void header(String text) throws ProtocolException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new ProtocolException("a header line of the answer has no name: '" + ModelHttp.excerpt(text) + "'");
        }
        String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        if (name.equals("transfer-encoding")) {
            chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        } else if (name.equals("content-length")) {
            try {
                contentLength = Long.parseLong(value);
            } catch (NumberFormatException notANumber) {
                contentLength = -2;
            }
            if (contentLength < 0) {
                throw new ProtocolException("the answer's Content-Length is not a length: '" + value + "'");
            }
        }
    }

    private void endOfHead() {
        if (status >= 100 && status < 200) {
            // An interim answer (103 Early Hints, an unasked-for 100 Continue): the response follows.
            state = State.STATUS_LINE;
            return;
        }
        body.status(status);
        if (status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            // Chunked framing wins over a Content-Length sent beside it (RFC 9112, 6.3).
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.LENGTH;
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    private static long chunkSize(String text) throws ProtocolException {
        int extension = text.indexOf(';');
        String size = (extension < 0 ? text : text.substring(0, extension)).trim();
        try {
            long bytes = Long.parseLong(size, 16);
            if (bytes >= 0 && !size.startsWith("+")) {
                return bytes;
            }
        } catch (NumberFormatException notHex) {
            // reported below
        }
        throw new ProtocolException(
                "a chunk size of the answer is not a hexadecimal number: '" + ModelHttp.excerpt(text) + "'");
    }
}
