package io.orchestrator.engine.journal;

import java.time.Instant;

/** The values of one row of table session_state. */
public record SessionRow(
        String id, String variables, String cookies, Instant updatedAt, String workspace, String origin)
        implements JournalEntry {}
