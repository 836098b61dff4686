package io.orchestrator.queues;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One queue-reader node's receive loop, on a thread of its own: receive in a transacted session,
 * hand the message over, commit once the handler returned (the run is stored), roll back if it
 * threw (the broker delivers the message again). A broker that cannot be reached is tried again
 * after a pause that doubles up to {@value #MAX_PAUSE_MILLIS} ms.
 */
final class QueueConsumer implements Runnable {

    /** What the loop does with a message; returning means the message may be acknowledged. */
    interface Handler {
        void handle(Message message) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(QueueConsumer.class.getName());
    private static final long RECEIVE_MILLIS = 1_000;
    private static final long MAX_PAUSE_MILLIS = 30_000;

    /** The broker, resolved again at each connect: a changed connection is used from the next one. */
    interface BrokerSource {
        QueueBroker get() throws JMSException;
    }

    private final BrokerSource brokers;
    private volatile String brokerName = "its broker";
    private final String queue;
    private final String label;
    private final Handler handler;
    private volatile boolean stopped;
    private volatile Thread thread;
    private String lastProblem;

    QueueConsumer(BrokerSource brokers, String queue, String label, Handler handler) {
        this.brokers = brokers;
        this.queue = queue;
        this.label = label;
        this.handler = handler;
    }

    void started(Thread running) {
        thread = running;
    }

    /** Asks the loop to end after the message at hand, if any (within a second when idle). */
    void stop() {
        stopped = true;
    }

    /** Waits for the loop to end, at most that long. */
    void awaitEnd(long millis) {
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        long pause = RECEIVE_MILLIS;
        while (!stopped) {
            QueueBroker broker;
            try {
                broker = brokers.get();
                brokerName = broker.describe();
            } catch (JMSException | RuntimeException unusable) {
                problem(unusable);
                sleep(pause);
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
                continue;
            }
            try (Connection connection = broker.open(queue);
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    MessageConsumer consumer = session.createConsumer(broker.queue(session, queue))) {
                if (!session.getTransacted()) {
                    // A server that ignores the request would acknowledge each message on receipt.
                    LOG.warning("Queue reader " + label + ": " + brokerName + " gave no transacted session;"
                            + " a message taken just before a crash would be lost.");
                }
                connection.start();
                recovered();
                pause = RECEIVE_MILLIS;
                while (!stopped) {
                    Message message = consumer.receive(RECEIVE_MILLIS);
                    if (message != null) {
                        pause = deliver(session, message) ? RECEIVE_MILLIS : Math.min(pause * 2, MAX_PAUSE_MILLIS);
                    }
                }
            } catch (JMSException | RuntimeException failed) {
                problem(failed);
                sleep(pause);
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
        }
    }

    /** Whether the message was taken; if not it goes back to the queue and the loop pauses before the next. */
    private boolean deliver(Session session, Message message) throws JMSException {
        try {
            handler.handle(message);
        } catch (Exception refused) {
            session.rollback();
            problem(refused);
            sleep(RECEIVE_MILLIS);
            return false;
        }
        session.commit();
        return true;
    }

    private void problem(Exception failed) {
        String text = failed.getMessage() == null ? failed.toString() : failed.getMessage();
        if (!Objects.equals(text, lastProblem)) {
            LOG.log(
                    Level.WARNING,
                    "Queue reader " + label + " on queue " + queue + " of " + brokerName + ": " + text,
                    LOG.isLoggable(Level.FINE) ? failed : null);
            lastProblem = text;
        }
    }

    private void recovered() {
        if (lastProblem != null) {
            LOG.info("Queue reader " + label + " consumes from queue " + queue + " of " + brokerName + " again.");
            lastProblem = null;
        }
    }

    private void sleep(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (!stopped && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(200, Math.max(1, until - System.currentTimeMillis())));
            } catch (InterruptedException interrupted) {
                stopped = true;
                Thread.currentThread().interrupt();
            }
        }
    }
}
