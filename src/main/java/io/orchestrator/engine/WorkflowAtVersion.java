package io.orchestrator.engine;

/** A workflow's current graph, and whether its triggers listen. */
public record WorkflowAtVersion(GraphSnapshot graph, boolean active) {}
