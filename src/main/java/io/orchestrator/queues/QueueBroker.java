package io.orchestrator.queues;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;

/** A broker as the queue nodes use it: connections, and a queue by name. */
public interface QueueBroker {

    /** A new connection, not started; the caller closes it. */
    Connection open(String queue) throws JMSException;

    Queue queue(Session session, String name) throws JMSException;

    /** How logs and failures name it: never with credentials. */
    String describe();
}
