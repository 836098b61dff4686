package io.orchestrator.queues;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server's own messaging engine, through the connection factory the server configuration
 * declares at {@value #JNDI_NAME} (Liberty's in {@code liberty/messaging-on.xml}). Looked up at each
 * connection rather than injected, so that the application still deploys on a server without
 * messaging: only the queue nodes on the embedded engine fail there, with a message saying why.
 */
final class EmbeddedBroker implements QueueBroker {

    static final String JNDI_NAME = "jms/orchestrator";

    @Override
    public Connection open(String queue) throws JMSException {
        ConnectionFactory factory;
        try {
            factory = (ConnectionFactory) new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException | NoClassDefFoundError missing) {
            throw new BrokerUnavailable("This server has no messaging engine (no connection factory at "
                    + JNDI_NAME + ": " + missing + "); turn it on (ORCHESTRATOR_MESSAGING=on on Liberty) or use a"
                    + " rabbitmq connection.");
        }
        return factory.createConnection();
    }

    @Override
    public Queue queue(Session session, String name) throws JMSException {
        return session.createQueue(name);
    }

    @Override
    public String describe() {
        return "the embedded messaging engine";
    }
}
