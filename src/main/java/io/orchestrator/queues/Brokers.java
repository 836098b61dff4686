package io.orchestrator.queues;

import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.connections.ConnectionSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Turns a queue node's {@code broker} field into the broker it names, as that node's workflow may use it. */
@ApplicationScoped
public class Brokers {

    private static final QueueBroker EMBEDDED = new EmbeddedBroker();

    @Inject
    ConnectionLookup connections;

    public QueueBroker forNode(String workflowId, String broker) throws BrokerUnavailable {
        if (BrokerChoice.isEmbedded(broker)) {
            return EMBEDDED;
        }
        String id = broker.trim();
        Optional<ConnectionSettings> found = connections.findFor(workflowId, id);
        String problem = BrokerChoice.problem(id, found);
        if (problem != null) {
            throw new BrokerUnavailable(problem);
        }
        return new RabbitBroker(found.orElseThrow());
    }
}
