package io.orchestrator.queues;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Sends one persistent message. A connection per message: the embedded engine's connections come
 * from the server's pool, and a queue-writer is an action in a run, not a bulk producer.
 */
@ApplicationScoped
public class QueueSender {

    /** The id the broker gave the message, or null when it gives none. */
    public String send(QueueBroker broker, String queue, JsonValue body, JsonObject properties) throws JMSException {
        try (Connection connection = broker.open(queue);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(broker.queue(session, queue))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage message = QueueMessages.create(session, body, properties);
            producer.send(message);
            return message.getJMSMessageID();
        }
    }
}
