package io.orchestrator.nodes.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run of a program, started without a shell: its two outputs are read on two threads into the
 * {@link CommandOutput} while the caller waits for the exit. A timeout or an interrupt (the run was
 * stopped, the engine's own timeout, the server stopping) kills the whole process tree.
 */
final class CommandProcess {

    /** How the program ended: its exit code, or killed because it took longer than allowed. */
    record Ended(int exitCode, boolean timedOut) {}

    /** Time a killed tree gets to end on SIGTERM before SIGKILL. */
    static final long KILL_GRACE_MILLIS = 2_000;
    /** Time the outputs may still take after the exit (a background child may hold them open). */
    private static final long DRAIN_MILLIS = 2_000;

    private static final Logger LOG = Logger.getLogger(CommandProcess.class.getName());

    private CommandProcess() {}

    /**
     * Runs the program to its end. Throws {@link InterruptedException} once the tree is killed when
     * the calling thread is interrupted.
     */
    static Ended run(
            ProcessBuilder builder, CommandOutput output, ThreadFactory threads, long timeoutMillis, int maxLineBytes)
            throws IOException, InterruptedException {
        Process process = builder.start();
        process.getOutputStream().close(); // nothing to read on stdin: a program asking waits for nothing
        CountDownLatch drained = new CountDownLatch(2);
        start(threads, process.getInputStream(), OutputChannel.STDOUT, output, maxLineBytes, drained);
        start(threads, process.getErrorStream(), OutputChannel.STDERR, output, maxLineBytes, drained);
        boolean exited;
        try {
            exited = process.waitFor(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException stopped) {
            ProcessTree.kill(process.toHandle(), KILL_GRACE_MILLIS);
            finishReading(process, drained);
            throw stopped;
        }
        if (!exited) {
            ProcessTree.kill(process.toHandle(), KILL_GRACE_MILLIS);
        }
        finishReading(process, drained);
        return new Ended(exited ? process.exitValue() : -1, !exited);
    }

    private static void start(
            ThreadFactory threads,
            InputStream stream,
            OutputChannel channel,
            CommandOutput output,
            int maxLineBytes,
            CountDownLatch drained) {
        Thread reader = threads.newThread(() -> {
            try (stream) {
                OutputLines.read(
                        stream, maxLineBytes, (text, offset, length) -> output.line(channel, text, offset, length));
            } catch (IOException closed) {
                // given up on after the exit (below), or the process was killed
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "Could not read a command's " + channel.wireName(), failed);
            } finally {
                drained.countDown();
            }
        });
        reader.setName("command-" + channel.wireName() + "-" + reader.getId());
        reader.start();
    }

    /** Waits for the outputs' ends; a child that kept them open is not waited for longer than the drain time. */
    private static void finishReading(Process process, CountDownLatch drained) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!drained.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS)) {
                closeQuietly(process.getInputStream());
                closeQuietly(process.getErrorStream());
                drained.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException again) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the reader ends either way
        }
    }
}
