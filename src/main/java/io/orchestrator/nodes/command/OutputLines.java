package io.orchestrator.nodes.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits what a command prints into lines ({@code \n}, {@code \r\n}; bad UTF-8 becomes U+FFFD). A
 * line longer than {@code maxLineBytes} is cut there and the rest up to its end is skipped, so that
 * a command printing megabytes without a line end holds no more than that in memory.
 *
 * <p>Between reads the reader pauses, for as long as lets the pipe fill about halfway: a reader
 * waiting in every read is woken by each write, and a program printing as fast as it can then spends
 * its time in system calls with it (200,000 lines took nearly twice as long as to /dev/null, and
 * longer than piped into {@code cat}); one pausing longer than the pipe (64 KB) takes to fill makes the
 * program wait on a full pipe (a fixed 2 ms pause did that). The pause halves after a read that
 * found the pipe nearly full and doubles after one that found little, between
 * {@link #MIN_PAUSE_NANOS} and {@link #MAX_PAUSE_NANOS}; a program printing now and then is read
 * within the longest pause (the live log waits 50 ms anyway). Measured, see docs/PERFORMANCE.md.
 */
final class OutputLines {

    static final long MIN_PAUSE_NANOS = 50_000;
    static final long MAX_PAUSE_NANOS = 2_000_000;

    private static final int BUFFER = 64 * 1024;
    private static final byte[] ELLIPSIS = "…".getBytes(StandardCharsets.UTF_8);
    /** A read that found more than this (of the pipe's 64 KB) came late: pause less. */
    private static final int NEARLY_FULL = 48 * 1024;
    /** A read that found less than this came early: pause longer. */
    private static final int LITTLE = 16 * 1024;

    private OutputLines() {}

    /** Where the lines go: the bytes of one line, without its end ("…" added when it was cut). */
    interface Sink {
        void line(byte[] text, int offset, int length);
    }

    /** Reads until the stream ends, handing each line to {@code lines}. */
    static void read(InputStream output, int maxLineBytes, Sink lines) throws IOException {
        byte[] buffer = new byte[BUFFER];
        Line line = new Line(maxLineBytes);
        long pause = MIN_PAUSE_NANOS;
        int read;
        while ((read = output.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    line.append(buffer, start, i);
                    line.take(lines);
                    start = i + 1;
                }
            }
            line.append(buffer, start, read);
            if (read >= NEARLY_FULL) {
                pause = Math.max(MIN_PAUSE_NANOS, pause / 2);
            } else if (read < LITTLE) {
                pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
            }
            if (read < buffer.length) { // a full buffer: more is waiting now
                LockSupport.parkNanos(pause);
            }
        }
        if (!line.isEmpty()) {
            line.take(lines);
        }
    }

    /** The line being read: its bytes up to the limit, and whether more were cut off. */
    private static final class Line {
        private final int maxBytes;
        private byte[] bytes;
        private int length;
        private boolean cut;

        Line(int maxBytes) {
            this.maxBytes = maxBytes;
            this.bytes = new byte[Math.min(maxBytes, 1024)];
        }

        void append(byte[] buffer, int from, int to) {
            int count = Math.min(to - from, maxBytes - length);
            cut |= count < to - from;
            if (count <= 0) {
                return;
            }
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(maxBytes, Math.max(length + count, bytes.length * 2)));
            }
            System.arraycopy(buffer, from, bytes, length, count);
            length += count;
        }

        boolean isEmpty() {
            return length == 0 && !cut;
        }

        /** Hands the line over (without a {@code \r} before its end, "…" when cut) and starts afresh. */
        void take(Sink sink) {
            int end = !cut && length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
            if (cut) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length, length + ELLIPSIS.length));
                System.arraycopy(ELLIPSIS, 0, bytes, length, ELLIPSIS.length);
                end = length + ELLIPSIS.length;
            }
            sink.line(bytes, 0, end);
            length = 0;
            cut = false;
        }
    }
}
