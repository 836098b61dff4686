package io.orchestrator.artifacts;

/** Which run (of which workflow) and which of its nodes, if any, an artifact belongs to. */
public record ArtifactOrigin(String runId, String workflowId, String nodeId) {}
