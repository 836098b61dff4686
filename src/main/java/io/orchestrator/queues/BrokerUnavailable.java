package io.orchestrator.queues;

import jakarta.jms.JMSException;

/** The broker a queue node names cannot be used at all: no engine, no such connection. */
public class BrokerUnavailable extends JMSException {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailable(String reason) {
        super(reason);
    }
}
