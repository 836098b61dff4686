/**
 * Live run events over a WebSocket (DESIGN section 5): {@code /ws/workflow/{workflow_id}/}.
 * {@link io.orchestrator.realtime.WorkflowWatchers} observes the engine's
 * {@link io.orchestrator.engine.RunEvent}s and queues each for the workflow's watchers; each client's
 * {@link io.orchestrator.realtime.ClientQueue} sends its queue in order on a managed executor and
 * drops the client when the queue fills, so that a slow client never slows the engine.
 */
package io.orchestrator.realtime;
