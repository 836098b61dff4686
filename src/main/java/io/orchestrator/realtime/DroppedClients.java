package io.orchestrator.realtime;

import io.orchestrator.platform.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Counts the WebSocket clients dropped for reading too slowly, and the messages they did not get. */
@ApplicationScoped
public class DroppedClients {

    @Inject
    MetricRegistry registry;

    private Counter clients;
    private Counter messages;

    /** At start, so that /metrics shows the zeros before any drop. */
    void register(@Observes SchemaReady ready) {
        clients = registry.counter(Metadata.builder()
                .withName("orchestrator_websocket_clients_dropped")
                .withDescription("WebSocket clients dropped because they did not read fast enough")
                .build());
        messages = registry.counter(Metadata.builder()
                .withName("orchestrator_websocket_messages_dropped")
                .withDescription("Messages queued for dropped WebSocket clients and never sent (they get a"
                        + " fresh state_sync when they reconnect)")
                .build());
    }

    /** One client dropped with this many messages unsent. */
    void dropped(int unsentMessages) {
        clients.inc();
        messages.inc(unsentMessages);
    }
}
