package io.orchestrator.queues;

import com.rabbitmq.jms.admin.RMQConnectionFactory;
import com.rabbitmq.jms.admin.RMQDestination;
import io.orchestrator.connections.AmqpUrl;
import io.orchestrator.connections.ConnectionSettings;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.logging.Logger;

/**
 * A RabbitMQ broker named by a rabbitmq connection, through RabbitMQ's Jakarta Messaging client.
 * Queues are plain AMQP queues (the default exchange, routed by queue name), so that any AMQP
 * client can feed or read them; they are declared durable on first use when they do not exist.
 * One message at a time per consumer (prefetch 1): with several servers on one queue, a busy
 * server does not hold messages an idle one could run.
 */
final class RabbitBroker implements QueueBroker {

    private static final Logger LOG = Logger.getLogger(RabbitBroker.class.getName());

    private final ConnectionSettings connection;
    private final AmqpUrl url;

    RabbitBroker(ConnectionSettings connection) {
        this.connection = connection;
        this.url = AmqpUrl.parse(connection.baseUrl());
    }

    @Override
    public Connection open(String queue) throws JMSException {
        RMQConnectionFactory factory = new RMQConnectionFactory();
        factory.setHost(url.host());
        factory.setPort(url.port());
        factory.setVirtualHost(url.virtualHost());
        String secret = connection.secret();
        if (secret != null && !secret.isEmpty()) {
            int colon = secret.indexOf(':');
            factory.setUsername(colon < 0 ? secret : secret.substring(0, colon));
            factory.setPassword(colon < 0 ? "" : secret.substring(colon + 1));
        }
        if (url.tls()) {
            try {
                factory.useSslProtocol();
            } catch (NoSuchAlgorithmException unsupported) {
                throw new BrokerUnavailable("TLS is not available for amqps: " + unsupported.getMessage());
            }
            factory.setHostnameVerification(true);
        }
        factory.setChannelsQos(1);
        factory.setKeepTextMessageType(true);
        factory.setAmqpConnectionPostProcessor(amqp -> declare(amqp, queue));
        return factory.createConnection();
    }

    /** A durable queue of that name unless one exists (whatever its arguments: it is then left as it is). */
    private static void declare(com.rabbitmq.client.Connection amqp, String queue) {
        try (var channel = amqp.createChannel()) {
            channel.queueDeclarePassive(queue);
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException missing) {
            try (var channel = amqp.createChannel()) {
                channel.queueDeclare(queue, true, false, false, null);
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException failed) {
                LOG.warning("Could not declare the RabbitMQ queue " + queue + ": " + failed.getMessage());
            }
        }
    }

    @Override
    public Queue queue(Session session, String name) {
        return new RMQDestination(name, "", name, name);
    }

    @Override
    public String describe() {
        return "the rabbitmq connection '" + connection.name() + "'";
    }
}
