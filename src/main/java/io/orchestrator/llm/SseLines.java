package io.orchestrator.llm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The bytes of a server-sent event stream, in whatever pieces they arrive, split into lines and
 * handed to an {@link SseEvent.Parser}. Past {@code limitBytes} it fails with {@link TooLarge}: a
 * model server that streams without end would otherwise fill the heap, as a request's time limit
 * covers only its headers.
 */
final class SseLines {

    /** The stream went past its limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limitBytes) {
            super("the streamed answer is larger than " + limitBytes + " bytes", null, false, false);
        }
    }

    private final SseEvent.Parser parser;
    private final long limitBytes;
    /** The current line's bytes so far (a stream's lines are short: a token's event). */
    private byte[] line = new byte[256];

    private int lineLength;
    private long bytesRead;
    /** A '\r' ended the last line: a '\n' right after it belongs to that end. */
    private boolean afterCarriageReturn;

    SseLines(Consumer<SseEvent> events, long limitBytes) {
        this.parser = new SseEvent.Parser(events);
        this.limitBytes = limitBytes;
    }

    /** Reads the buffer to its end; the events it completes go to the consumer, whose exceptions pass through. */
    void read(ByteBuffer buffer) {
        bytesRead += buffer.remaining();
        if (bytesRead > limitBytes) {
            throw new TooLarge(limitBytes);
        }
        byte[] bytes;
        int from;
        int to;
        if (buffer.hasArray()) {
            bytes = buffer.array();
            from = buffer.arrayOffset() + buffer.position();
            to = from + buffer.remaining();
        } else {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            from = 0;
            to = bytes.length;
        }
        buffer.position(buffer.limit());
        // Split at '\n', '\r' and "\r\n" (the event stream's line ends); neither byte occurs inside a UTF-8 character.
        int lineStart = from;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                afterCarriageReturn = false;
                continue;
            }
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
            } else {
                append(bytes, lineStart, i - lineStart);
                endLine();
                afterCarriageReturn = b == '\r';
            }
            lineStart = i + 1;
        }
        append(bytes, lineStart, to - lineStart);
    }

    /** The stream ended: a last line without its end, and an event without its blank line, still count. */
    void finish() {
        if (lineLength > 0) {
            endLine();
        }
        parser.finish();
    }

    private void append(byte[] bytes, int from, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(bytes, from, line, lineLength, length);
        lineLength += length;
    }

    private void endLine() {
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        parser.accept(text);
    }
}
