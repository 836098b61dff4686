package io.orchestrator.llm;

import java.util.function.Consumer;

/**
 * One server-sent event: its {@code event:} name ({@code message} when none is given) and its
 * {@code data:} lines joined by newlines.
 */
public record SseEvent(String name, String data) {

    /** Collects the lines of an event stream into events, one {@link #accept(String)} per line. */
    static final class Parser {

        private final Consumer<SseEvent> events;
        private String name = "";
        private final StringBuilder data = new StringBuilder();
        private boolean hasData;

        Parser(Consumer<SseEvent> events) {
            this.events = events;
        }

        void accept(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith(":")) {
                return; // a comment, sent to keep the connection alive
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (field.equals("event")) {
                    name = value;
                } else if (field.equals("data")) {
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                }
            }
        }

        /** The end of the stream dispatches an event that lacked its closing blank line. */
        void finish() {
            dispatch();
        }

        private void dispatch() {
            if (hasData) {
                events.accept(new SseEvent(name.isEmpty() ? "message" : name, data.toString()));
            }
            name = "";
            data.setLength(0);
            hasData = false;
        }
    }
}
