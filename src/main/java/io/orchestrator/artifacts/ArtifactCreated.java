package io.orchestrator.artifacts;

import jakarta.json.JsonObject;

/** An artifact was kept: fired in the transaction that stored it, for the WebSocket once it commits. */
public record ArtifactCreated(String workflowId, String runId, String nodeId, JsonObject artifact) {}
