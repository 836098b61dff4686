package io.orchestrator.nodes.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits what a command prints into lines ({@code \n}, {@code \r\n}; bad UTF-8 becomes U+FFFD). A
 * line longer than {@code maxLineChars} is cut there and the rest up to its end is skipped, so that a
 * command printing megabytes without a line end holds no more than that in memory.
 */
final class OutputLines {

    private OutputLines() {}

    /** Reads until the stream ends, handing each line to {@code lines}. */
    static void read(InputStream output, int maxLineChars, Consumer<String> lines) throws IOException {
        Reader reader = new InputStreamReader(output, StandardCharsets.UTF_8);
        char[] buffer = new char[8192];
        StringBuilder line = new StringBuilder(128);
        boolean skipping = false;
        int read;
        while ((read = reader.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                if (!skipping) {
                    append(line, buffer, start, i, maxLineChars);
                }
                lines.accept(ended(line));
                line.setLength(0);
                skipping = false;
                start = i + 1;
            }
            if (!skipping && start < read) {
                skipping = !append(line, buffer, start, read, maxLineChars);
            }
        }
        if (!line.isEmpty()) {
            lines.accept(ended(line));
        }
    }

    /** Appends up to the limit; false when the line reached it (the rest of it is skipped). */
    private static boolean append(StringBuilder line, char[] buffer, int from, int to, int maxLineChars) {
        int room = maxLineChars - line.length();
        if (to - from <= room) {
            line.append(buffer, from, to - from);
            return true;
        }
        line.append(buffer, from, Math.max(0, room)).append('…');
        return false;
    }

    private static String ended(StringBuilder line) {
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
    }
}
