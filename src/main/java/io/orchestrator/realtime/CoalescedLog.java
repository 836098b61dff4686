package io.orchestrator.realtime;

import io.orchestrator.nodes.command.CommandLogs;
import io.orchestrator.nodes.command.OutputChannel;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One command attempt's live log: each output's lines are sent as {@code log_entry} messages of the
 * lines printed within a window ({@link CoalescingWindow}), at most {@link #MAX_HELD_BYTES} of text
 * each: past that the oldest lines of the window are left out and counted in the message's
 * {@code dropped} (the stored log has them), so a client keeps up with the latest output. A command printing as fast as it can thus costs a client about forty messages a
 * second. Held lines are sent before a {@code step_update}, so a client sees each line under its step.
 */
final class CoalescedLog implements CommandLogs.LiveLog {

    static final int MAX_HELD_BYTES = 64 * 1024;

    private final WorkflowWatchers watchers;
    private final Clock clock;
    private final String workflowId;
    private final String taskId;
    private final String nodeId;
    private final Map<OutputChannel, HeldLines> held = new EnumMap<>(OutputChannel.class);

    CoalescedLog(
            WorkflowWatchers watchers,
            Clock clock,
            CoalescingWindow.Scheduler scheduler,
            String workflowId,
            String taskId,
            String nodeId) {
        this.watchers = watchers;
        this.clock = clock;
        this.workflowId = workflowId;
        this.taskId = taskId;
        this.nodeId = nodeId;
        for (OutputChannel channel : OutputChannel.values()) {
            held.put(channel, new HeldLines(channel, scheduler));
        }
    }

    @Override
    public boolean watched() {
        return watchers.watcherCount(workflowId) > 0;
    }

    @Override
    public void line(OutputChannel channel, long number, byte[] text, Integer step) {
        if (watchers.watcherCount(workflowId) == 0) {
            return;
        }
        synchronized (this) {
            held.get(channel).add(number, text, step);
        }
    }

    @Override
    public void step(JsonObject step) {
        if (watchers.watcherCount(workflowId) == 0) {
            return;
        }
        synchronized (this) {
            held.values().forEach(lines -> lines.window.sendNow());
            watchers.publish(
                    workflowId, () -> SocketMessages.stepUpdate(workflowId, taskId, nodeId, step, clock.instant()));
        }
    }

    @Override
    public synchronized void close() {
        held.values().forEach(lines -> lines.window.close());
    }

    /** One line waiting to be sent: its number over both outputs and its UTF-8 bytes (made a text when sent). */
    private record NumberedLine(long number, byte[] text) {}

    /**
     * One output's lines not sent yet, at most {@link #MAX_HELD_BYTES} of them: past that the
     * oldest give way, so that a client always sees the latest output (where a failing program
     * says why). Guarded by the log's lock.
     */
    private final class HeldLines implements CoalescingWindow.Held {

        private final OutputChannel channel;
        private final CoalescingWindow window;
        private final ArrayDeque<NumberedLine> lines = new ArrayDeque<>();
        private long bytes;
        private Integer step;
        private long dropped;

        HeldLines(OutputChannel channel, CoalescingWindow.Scheduler scheduler) {
            this.channel = channel;
            this.window = new CoalescingWindow(CoalescedLog.this, clock, scheduler, this);
        }

        void add(long number, byte[] line, Integer lineStep) {
            if (window.isClosed()) {
                return;
            }
            if (!lines.isEmpty() && !Objects.equals(step, lineStep)) {
                window.sendNow();
            }
            byte[] text = line.length > MAX_HELD_BYTES ? Arrays.copyOf(line, MAX_HELD_BYTES) : line;
            step = lineStep;
            lines.addLast(new NumberedLine(number, text));
            bytes += text.length + 1;
            while (bytes > MAX_HELD_BYTES && lines.size() > 1) {
                bytes -= lines.removeFirst().text().length + 1;
                dropped++;
            }
            window.added();
        }

        @Override
        public boolean isEmpty() {
            return lines.isEmpty() && dropped == 0;
        }

        @Override
        public void send(long nowMillis) {
            byte[] joined = new byte[(int) Math.max(0, bytes - 1)];
            int at = 0;
            for (NumberedLine line : lines) {
                if (at > 0) {
                    joined[at++] = '\n';
                }
                System.arraycopy(line.text(), 0, joined, at, line.text().length);
                at += line.text().length;
            }
            String text = new String(joined, 0, at, StandardCharsets.UTF_8);
            String message = SocketMessages.logEntry(
                    workflowId,
                    taskId,
                    nodeId,
                    channel.wireName(),
                    text,
                    lines.size(),
                    lines.isEmpty() ? 0 : lines.getFirst().number(),
                    step,
                    dropped,
                    clock.instant());
            lines.clear();
            bytes = 0;
            dropped = 0;
            watchers.publish(workflowId, () -> message);
        }
    }
}
