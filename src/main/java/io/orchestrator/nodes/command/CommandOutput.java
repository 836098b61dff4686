package io.orchestrator.nodes.command;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a command printed, as it prints it (stdout and stderr, from their two reading threads):
 * the stored log, written to a file up to {@code maxLogBytes} and past that only counted; the last
 * lines of each output for the node's output; the steps that {@code ::step::Name} lines start; and
 * the live log. Memory stays bounded whatever the command prints.
 */
public final class CommandOutput implements AutoCloseable {

    /** A line starting with this starts a step named by the rest of the line. */
    public static final String STEP_MARK = "::step::";

    private static final byte[] STEP_MARK_BYTES = STEP_MARK.getBytes(StandardCharsets.US_ASCII);

    static final int TAIL_LINES = 20;
    /** Steps past this many are ordinary lines: a command cannot flood clients with step updates. */
    static final int MAX_STEPS = 1_000;

    private static final int MAX_STEP_NAME = 200;

    /** One step of the command: from its mark to the next mark or the command's end. */
    public record Step(int index, String name, String status, Instant startedAt, Instant endedAt) {

        Step ended(String endStatus, Instant at) {
            return new Step(index, name, endStatus, startedAt, at);
        }

        public JsonObject toJson() {
            JsonObjectBuilder json = JSON.createObjectBuilder()
                    .add("index", index)
                    .add("name", name)
                    .add("status", status)
                    .add("started_at", startedAt.toString());
            if (endedAt == null) {
                json.add("ended_at", JsonValue.NULL).add("duration_ms", JsonValue.NULL);
            } else {
                json.add("ended_at", endedAt.toString())
                        .add("duration_ms", Duration.between(startedAt, endedAt).toMillis());
            }
            return json.build();
        }
    }

    private final Path logFile;
    private final long maxLogBytes;
    private final CommandLogs.LiveLog live;
    private final Clock clock;
    private final OutputStream log;
    private final Map<OutputChannel, ArrayDeque<byte[]>> tails = new EnumMap<>(OutputChannel.class);
    private final List<Step> steps = new ArrayList<>();

    private long lines;
    private long bytes;
    private long keptBytes;
    private long linesNotKept;
    private boolean closed;

    /** Writes the stored log to {@code logFile} (its folder is created). */
    public CommandOutput(Path logFile, long maxLogBytes, CommandLogs.LiveLog live, Clock clock) {
        this.logFile = logFile;
        this.maxLogBytes = maxLogBytes;
        this.live = live;
        this.clock = clock;
        for (OutputChannel channel : OutputChannel.values()) {
            tails.put(channel, new ArrayDeque<>(TAIL_LINES));
        }
        try {
            Files.createDirectories(logFile.getParent());
            this.log = new BufferedOutputStream(Files.newOutputStream(logFile), 64 * 1024);
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not create the command's log " + logFile, failed);
        }
    }

    /** One line the command printed, without its line end. */
    public void line(OutputChannel channel, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        line(channel, bytes, 0, bytes.length);
    }

    /**
     * One line the command printed, as the UTF-8 bytes it wrote, without its line end. The bytes go
     * to the stored log and the live log as they are; a text is made only for a step mark.
     */
    public synchronized void line(OutputChannel channel, byte[] text, int offset, int length) {
        if (closed) {
            return; // a background child still printing after the command was given up on
        }
        lines++;
        long size = length + 1L;
        bytes += size;
        if (keptBytes + size <= maxLogBytes) {
            keptBytes += size;
            write(text, offset, length);
        } else {
            linesNotKept++;
        }
        byte[] line = Arrays.copyOfRange(text, offset, offset + length); // for the tail and the live log
        ArrayDeque<byte[]> tail = tails.get(channel);
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
        if (channel == OutputChannel.STDOUT && startsWithStepMark(text, offset, length) && steps.size() < MAX_STEPS) {
            startStep(new String(
                            text,
                            offset + STEP_MARK_BYTES.length,
                            length - STEP_MARK_BYTES.length,
                            StandardCharsets.UTF_8)
                    .strip());
        }
        if (live.watched()) {
            live.line(channel, lines, line, steps.isEmpty() ? null : steps.size() - 1);
        }
    }

    private static boolean startsWithStepMark(byte[] text, int offset, int length) {
        return length >= STEP_MARK_BYTES.length
                && Arrays.equals(
                        text, offset, offset + STEP_MARK_BYTES.length, STEP_MARK_BYTES, 0, STEP_MARK_BYTES.length);
    }

    /** The command ended: the step under way ends as it did, the stored log is closed. */
    public synchronized void finish(boolean succeeded) {
        endCurrentStep(succeeded ? "completed" : "failed");
        close();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (linesNotKept > 0) {
                byte[] note = ("[" + linesNotKept + " more lines (" + (bytes - keptBytes)
                                + " bytes) not kept: a command's stored log is limited to " + maxLogBytes + " bytes]")
                        .getBytes(StandardCharsets.UTF_8);
                write(note, 0, note.length);
            }
            log.close();
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not write the command's log " + logFile, failed);
        } finally {
            live.close();
        }
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The last lines of one output, joined by line ends. */
    public synchronized String tail(OutputChannel channel) {
        return String.join(
                "\n",
                tails.get(channel).stream()
                        .map(line -> new String(line, StandardCharsets.UTF_8))
                        .toList());
    }

    /** {@code {lines, bytes, kept_bytes, complete}} of the stored log. */
    public synchronized JsonObject logSummary() {
        return JSON.createObjectBuilder()
                .add("lines", lines)
                .add("bytes", bytes)
                .add("kept_bytes", keptBytes)
                .add("complete", keptBytes == bytes)
                .build();
    }

    /** The node's output: exit code, steps, the last lines of each output, the stored log's size, the time taken. */
    public synchronized JsonObject toJson(int exitCode, long durationMillis) {
        JsonArrayBuilder stepList = JSON.createArrayBuilder();
        steps.forEach(step -> stepList.add(step.toJson()));
        return JSON.createObjectBuilder()
                .add("exit_code", exitCode)
                .add("steps", stepList)
                .add("stdout_tail", tail(OutputChannel.STDOUT))
                .add("stderr_tail", tail(OutputChannel.STDERR))
                .add("log", logSummary())
                .add("duration_ms", durationMillis)
                .build();
    }

    private void startStep(String name) {
        Instant now = clock.instant();
        endCurrentStep("completed");
        String shown = name.isEmpty() ? "Step " + (steps.size() + 1) : name;
        if (shown.length() > MAX_STEP_NAME) {
            shown = shown.substring(0, MAX_STEP_NAME) + "…";
        }
        Step step = new Step(steps.size(), shown, "running", now, null);
        steps.add(step);
        live.step(step.toJson());
    }

    private void endCurrentStep(String status) {
        if (steps.isEmpty()) {
            return;
        }
        Step current = steps.get(steps.size() - 1);
        if (current.endedAt() == null) {
            Step ended = current.ended(status, clock.instant());
            steps.set(steps.size() - 1, ended);
            live.step(ended.toJson());
        }
    }

    private void write(byte[] text, int offset, int length) {
        try {
            log.write(text, offset, length);
            log.write('\n');
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not write the command's log " + logFile, failed);
        }
    }
}
