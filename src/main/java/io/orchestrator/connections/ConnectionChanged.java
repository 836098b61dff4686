package io.orchestrator.connections;

/** A connection was changed or deleted; observed once its transaction has ended. */
public record ConnectionChanged(String id) {}
