package io.orchestrator.queues;

import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.connections.ConnectionSettings;
import java.util.Optional;

/**
 * A queue node's {@code broker} field: {@value #EMBEDDED} (or empty) for the server's own messaging
 * engine, otherwise the id of a {@code rabbitmq} connection.
 */
public final class BrokerChoice {

    public static final String EMBEDDED = "embedded";

    private BrokerChoice() {}

    public static boolean isEmbedded(String broker) {
        return broker == null || broker.isBlank() || broker.trim().equals(EMBEDDED);
    }

    /** What is wrong with the choice, or null: the connection must exist and be a rabbitmq one. */
    public static String problem(String broker, ConnectionLookup connections) {
        if (isEmbedded(broker)) {
            return null;
        }
        return problem(broker.trim(), connections.find(broker.trim()));
    }

    static String problem(String id, Optional<ConnectionSettings> found) {
        if (found.isEmpty()) {
            return "No connection '" + id + "' (it may have been deleted): use '" + EMBEDDED
                    + "' for the server's own messaging engine, or the id of a rabbitmq connection.";
        }
        if (found.get().kind() != ConnectionKind.RABBITMQ) {
            return "The connection '" + found.get().name() + "' is of kind "
                    + found.get().kind().wireName() + "; a queue node takes a rabbitmq connection.";
        }
        return null;
    }
}
