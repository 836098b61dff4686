package io.orchestrator.platform;

/**
 * Fired once at start-up after the migrations ran and the JPA mappings were validated against the
 * schema. Whatever needs the database at start (the first admin token, the scheduler) observes
 * this rather than the application's start, so it never runs against an old schema.
 */
public record SchemaReady(String databaseProduct, String schemaVersion) {}
