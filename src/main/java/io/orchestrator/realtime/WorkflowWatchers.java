package io.orchestrator.realtime;

import io.orchestrator.engine.RunEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who watches which workflow, and the fan-out of run events to them. The engine fires each
 * {@link RunEvent} synchronously on the thread that persisted it, so this observer only looks the
 * watchers up and queues the event's text (made once, shared by all) for each of them: with no
 * watcher it costs one map lookup, and it never waits for a client.
 */
@ApplicationScoped
public class WorkflowWatchers {

    private static final Logger LOG = Logger.getLogger(WorkflowWatchers.class.getName());

    private final ConcurrentMap<String, Set<ClientQueue>> byWorkflow = new ConcurrentHashMap<>();

    void watch(String workflowId, ClientQueue client) {
        // compute, not computeIfAbsent + add: an unwatch removing the emptied set in between would lose the client.
        byWorkflow.compute(workflowId, (id, clients) -> {
            Set<ClientQueue> watching = clients == null ? ConcurrentHashMap.newKeySet() : clients;
            watching.add(client);
            return watching;
        });
    }

    void unwatch(String workflowId, ClientQueue client) {
        byWorkflow.computeIfPresent(workflowId, (id, clients) -> {
            clients.remove(client);
            return clients.isEmpty() ? null : clients;
        });
    }

    void onRunEvent(@Observes RunEvent event) {
        try {
            publish(event.workflowId(), () -> event.toJson().toString());
        } catch (RuntimeException bug) {
            // The run's state is already stored; a problem here must not fail the engine's step.
            LOG.log(Level.WARNING, "Could not relay a run event to WebSocket clients: " + event, bug);
        }
    }

    /** Queues the text for every watcher of the workflow; the text is made only if someone watches. */
    void publish(String workflowId, Supplier<String> text) {
        Set<ClientQueue> clients = workflowId == null ? null : byWorkflow.get(workflowId);
        if (clients != null) {
            String once = text.get();
            Supplier<String> message = () -> once;
            offerEach(workflowId, clients, client -> client.offer(message));
        }
    }

    /** Offers a piece of a candidate's stream to every watcher; each joins it to what it has not sent yet. */
    void publishTokens(StreamedTokens piece) {
        Set<ClientQueue> clients = byWorkflow.get(piece.workflowId());
        if (clients != null) {
            offerEach(piece.workflowId(), clients, client -> client.offerTokens(piece));
        }
    }

    private void offerEach(String workflowId, Set<ClientQueue> clients, Predicate<ClientQueue> offer) {
        for (ClientQueue client : clients) {
            if (!offer.test(client)) {
                unwatch(workflowId, client); // dropped or closed: stop offering before its close arrives
            }
        }
    }

    /**
     * Queues a message another server's run produced (relayed through the database) for this
     * server's watchers of the workflow, exactly as a local event.
     */
    public void relay(String workflowId, String message) {
        publish(workflowId, () -> message);
    }

    /** The workflows some client of this server watches now. */
    public Set<String> watchedWorkflowIds() {
        return Set.copyOf(byWorkflow.keySet());
    }

    int watcherCount(String workflowId) {
        Set<ClientQueue> clients = byWorkflow.get(workflowId);
        return clients == null ? 0 : clients.size();
    }

    /** How many clients watch some workflow now (a client watches one). */
    public int clientCount() {
        return byWorkflow.values().stream().mapToInt(Set::size).sum();
    }

    public int watchedWorkflows() {
        return byWorkflow.size();
    }
}
