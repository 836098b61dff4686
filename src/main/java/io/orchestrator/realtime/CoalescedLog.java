package io.orchestrator.realtime;

import io.orchestrator.nodes.command.CommandLogs;
import io.orchestrator.nodes.command.OutputChannel;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One command attempt's live log: each output's lines are sent as {@code log_entry} messages of the
 * lines printed within a window ({@link CoalescingWindow}), at most {@link #MAX_HELD_CHARS} of text
 * each; lines past that are left out and counted in the next message's {@code dropped} (the stored
 * log has them). A command printing as fast as it can thus costs a client about forty messages a
 * second. Held lines are sent before a {@code step_update}, so a client sees each line under its step.
 */
final class CoalescedLog implements CommandLogs.LiveLog {

    static final int MAX_HELD_CHARS = 64 * 1024;

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
    public void line(OutputChannel channel, long number, String text, Integer step) {
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

    /** One output's lines not sent yet. Guarded by the log's lock. */
    private final class HeldLines implements CoalescingWindow.Held {

        private final OutputChannel channel;
        private final CoalescingWindow window;
        private final StringBuilder text = new StringBuilder();
        private long firstLine;
        private int lines;
        private Integer step;
        private long dropped;

        HeldLines(OutputChannel channel, CoalescingWindow.Scheduler scheduler) {
            this.channel = channel;
            this.window = new CoalescingWindow(CoalescedLog.this, clock, scheduler, this);
        }

        void add(long number, String line, Integer lineStep) {
            if (window.isClosed()) {
                return;
            }
            if (lines > 0 && !Objects.equals(step, lineStep)) {
                window.sendNow();
            }
            if (text.length() + line.length() + 1 > MAX_HELD_CHARS && lines > 0) {
                dropped++;
            } else {
                if (lines == 0) {
                    firstLine = number;
                    step = lineStep;
                } else {
                    text.append('\n');
                }
                text.append(line, 0, Math.min(line.length(), MAX_HELD_CHARS));
                lines++;
            }
            window.added();
        }

        @Override
        public boolean isEmpty() {
            return lines == 0 && dropped == 0;
        }

        @Override
        public void send(long nowMillis) {
            String message = SocketMessages.logEntry(
                    workflowId,
                    taskId,
                    nodeId,
                    channel.wireName(),
                    text.toString(),
                    lines,
                    firstLine,
                    step,
                    dropped,
                    clock.instant());
            text.setLength(0);
            lines = 0;
            dropped = 0;
            watchers.publish(workflowId, () -> message);
        }
    }
}
