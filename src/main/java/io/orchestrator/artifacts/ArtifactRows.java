package io.orchestrator.artifacts;

import io.orchestrator.engine.journal.JournalTable;
import java.util.List;

/**
 * The {@code artifact} table as the run journal writes it, for artifacts a node makes while it runs
 * (read back through JPA, {@link Artifact}): they are written with the run's other rows instead of
 * in a transaction of their own.
 */
final class ArtifactRows {

    static final JournalTable<Artifact> TABLE = JournalTable.writeOnly(
            "artifact",
            List.of(
                    "id",
                    "run_id",
                    "workflow_id",
                    "node_id",
                    "name",
                    "file_name",
                    "mime_type",
                    "size",
                    "sha256",
                    "artifact_type",
                    "tags",
                    "created_at",
                    "expires_at"),
            List.of("id"),
            (values, row) -> values.text(row.id())
                    .text(row.runId())
                    .text(row.workflowId())
                    .text(row.nodeId())
                    .text(row.name())
                    .text(row.fileName())
                    .text(row.mimeType())
                    .number(row.size())
                    .text(row.sha256())
                    .text(row.artifactType())
                    .text(row.tags())
                    .instant(row.createdAt())
                    .instant(row.expiresAt()));

    private ArtifactRows() {}
}
