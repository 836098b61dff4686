package io.orchestrator.engine.scheduling;

import java.time.Instant;

/**
 * Time to tidy up (every {@code ORCHESTRATOR_HOUSEKEEPING_SECONDS}, on one server of the cluster):
 * rooms that keep things with an expiry (artifacts) observe this and delete what is past it.
 */
public record HousekeepingDue(Instant now) {}
