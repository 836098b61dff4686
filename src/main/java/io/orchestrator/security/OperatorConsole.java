package io.orchestrator.security;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The standard output of the server's process, where the one who started it looks. Not System.out:
 * Liberty replaces it with a stream that also copies every line into messages.log, a file that is
 * kept, rotated, shipped and read by others; a secret written there outlives the terminal's
 * scrollback. The process's own file descriptor 1 reaches the terminal (or Maven, for liberty:run)
 * and nothing else, unless the server was started in the background ({@code server start}), which
 * points it at console.log in the log directory: {@link #isLogFile} tells that case.
 */
final class OperatorConsole {

    private OperatorConsole() {}

    /** Writes the text to the process's standard output, bypassing Liberty's copy into its logs. */
    static void print(String text) {
        // Not closed: that would close the process's file descriptor 1.
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        try {
            out.write((text + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException closed) {
            throw new UncheckedIOException("The console is closed", closed);
        }
    }

    /**
     * Whether the standard output is a file inside the server's log directory ({@code X_LOG_DIR},
     * which Liberty's start script sets): then anything printed is kept in a log. Linux tells through
     * /proc; elsewhere this says no.
     */
    static boolean isLogFile() {
        return logDirectory().map(OperatorConsole::standardOutputIsIn).orElse(false);
    }

    private static Optional<Path> logDirectory() {
        String dir = System.getenv("X_LOG_DIR");
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    private static boolean standardOutputIsIn(Path logDirectory) {
        try {
            Path stdout = Path.of("/proc/self/fd/1");
            if (!Files.exists(stdout)) {
                return false;
            }
            Path target = stdout.toRealPath();
            return Files.isRegularFile(target) && target.startsWith(logDirectory.toRealPath());
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }
}
