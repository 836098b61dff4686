/**
 * Live run events over a WebSocket, {@code /ws/workflow/{workflow_id}/}: a state_sync on connect and
 * on request_state, then node_started, node_completed, node_failed, workflow_completed and
 * workflow_failed as runs go, and a pong for each ping.
 * {@link io.orchestrator.realtime.WorkflowWatchers} observes the engine's
 * {@link io.orchestrator.engine.RunEvent}s and queues each for the workflow's watchers; each client's
 * {@link io.orchestrator.realtime.ClientQueue} sends its queue in order on a managed executor and
 * drops the client when the queue fills, so that a slow client never slows the engine.
 * {@link io.orchestrator.realtime.SocketTokenStreams} sends the llm node's stream_token and
 * stream_complete through the same watchers, each candidate's tokens coalesced by a
 * {@link io.orchestrator.realtime.CoalescedStream}. A socket lives as long as the token that opened
 * it: {@link io.orchestrator.realtime.TokenBoundSockets} closes it once that token is revoked or expires.
 */
package io.orchestrator.realtime;
