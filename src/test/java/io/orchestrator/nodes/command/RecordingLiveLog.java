package io.orchestrator.nodes.command;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A live log that records what it was given, in order: "stdout 3 [0] text", "step {json}", "closed". */
final class RecordingLiveLog implements CommandLogs.LiveLog {

    final List<String> events = new ArrayList<>();

    @Override
    public boolean watched() {
        return true;
    }

    @Override
    public synchronized void line(OutputChannel channel, long number, byte[] text, Integer step) {
        events.add(channel.wireName() + " " + number + " [" + step + "] " + new String(text, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void step(JsonObject step) {
        events.add("step " + step.getInt("index") + " " + step.getString("name") + " " + step.getString("status"));
    }

    @Override
    public synchronized void close() {
        events.add("closed");
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }
}
