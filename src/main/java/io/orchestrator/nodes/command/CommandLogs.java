package io.orchestrator.nodes.command;

import jakarta.json.JsonObject;

/**
 * A running command's lines and steps on their way to the WebSocket clients watching the workflow
 * ({@code log_entry}, {@code step_update}). Lines are coalesced and bounded, so that a command
 * printing a million lines costs a client a few messages a second; nothing here is stored.
 */
public interface CommandLogs {

    /** One attempt's live log; close it when the command has ended. */
    interface LiveLog extends AutoCloseable {

        /** Whether anyone watches now: when not, lines need not even be made into texts. */
        boolean watched();

        /**
         * Line {@code number} (1-based over both outputs) of the command's output, printed in {@code step}:
         * its UTF-8 bytes, without its end, which the log may keep (the caller does not change them). Bytes,
         * because most lines of a fast command are never sent: they give way to later ones within a window,
         * and making each a text first cost a third of the time the command took.
         */
        void line(OutputChannel channel, long number, byte[] text, Integer step);

        /** A step started or ended: what {@link CommandOutput.Step#toJson()} says of it. */
        void step(JsonObject step);

        /** Sends what is still held back. */
        @Override
        void close();
    }

    LiveLog open(String workflowId, String taskId, String nodeId);

    /** For tests and development without clients: drops everything. */
    CommandLogs NONE = (workflowId, taskId, nodeId) -> new LiveLog() {
        @Override
        public boolean watched() {
            return false;
        }

        @Override
        public void line(OutputChannel channel, long number, byte[] text, Integer step) {}

        @Override
        public void step(JsonObject step) {}

        @Override
        public void close() {}
    };
}
