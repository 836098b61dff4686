/**
 * Queue nodes over Jakarta Messaging: a queue-reader node of an active workflow starts one run per
 * message, a queue-writer node sends one. The broker is the server's own messaging engine (Liberty's,
 * configured in {@code liberty/messaging-on.xml}) or a RabbitMQ connection, through its JMS client.
 *
 * <p>A message is received in a transacted session and committed only once the run it started is in
 * the database: a crash before that leaves it on the queue, and the broker delivers it again. Every
 * server consumes from the same queue, so on a shared broker the servers compete for messages and
 * each message starts one run.
 */
package io.orchestrator.queues;
