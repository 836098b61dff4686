/**
 * How the whole server is doing, for operators and the canvas's monitor view:
 * {@code GET /api/health/status/} gathers the database, the scheduler, the data directory's disk, the
 * WebSocket clients and the runs under way and waiting. It may read every other room; none reads it.
 */
package io.orchestrator.monitoring;
