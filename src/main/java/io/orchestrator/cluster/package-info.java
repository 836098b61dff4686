/**
 * Several servers on one database, beyond what Quartz's clustered job store and the run owner
 * already give: {@link io.orchestrator.cluster.WatchHeartbeat} publishes which workflows this
 * server's WebSocket clients watch and learns which ones the others' watch (the journal writes
 * those workflows' run events to the outbox with the run's rows), and
 * {@link io.orchestrator.cluster.OutboxRelay} sends the other servers' events to this server's
 * clients. Everything goes through the database; see the README's "Two servers on one MariaDB".
 */
package io.orchestrator.cluster;
