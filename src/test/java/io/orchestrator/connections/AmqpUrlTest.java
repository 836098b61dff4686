package io.orchestrator.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AmqpUrlTest {

    @Test
    void readsHostPortAndVirtualHostWithRabbitmqsDefaults() {
        assertEquals(new AmqpUrl(false, "127.0.0.1", 5672, "/"), AmqpUrl.parse("amqp://127.0.0.1"));
        assertEquals(new AmqpUrl(true, "mq.example.com", 5671, "/"), AmqpUrl.parse("amqps://mq.example.com/"));
        assertEquals(new AmqpUrl(false, "mq", 5673, "orders"), AmqpUrl.parse("amqp://mq:5673/orders"));
    }

    @Test
    void refusesOtherSchemesCredentialsAndQueries() {
        assertEquals("Must start with amqp:// or amqps://.", AmqpUrl.problem("http://mq:5672"));
        assertEquals("Must not hold credentials; put user:password in secret.", AmqpUrl.problem("amqp://u:p@mq"));
        assertEquals("Must not have a query or a fragment.", AmqpUrl.problem("amqp://mq?heartbeat=5"));
        assertEquals("Must name the broker's host.", AmqpUrl.problem("amqp:///vhost"));
        assertNull(AmqpUrl.problem("amqp://localhost:5672/"));
    }
}
