package io.orchestrator.llm;

import io.orchestrator.engine.journal.JournalTable;
import java.util.List;

/**
 * The {@code llm_response} table as the run journal writes it (the rows are read back through JPA,
 * {@link LlmResponse}). Texts that come from a provider are cut to their columns here: one row the
 * database refused would hold up the whole batch it is in, other runs' steps included.
 */
final class LlmResponseRows {

    private static final int MODEL_LENGTH = 500;
    private static final int FINISH_REASON_LENGTH = 64;

    static final JournalTable<LlmResponse> TABLE = JournalTable.writeOnly(
            "llm_response",
            List.of(
                    "id",
                    "run_id",
                    "workflow_id",
                    "node_id",
                    "attempt",
                    "candidate_index",
                    "connection_id",
                    "model",
                    "messages",
                    "raw_output",
                    "response_text",
                    "finish_reason",
                    "prompt_tokens",
                    "completion_tokens",
                    "duration_ms",
                    "cost_usd",
                    "cached",
                    "created_at"),
            List.of("id"),
            (values, row) -> values.text(row.id())
                    .text(row.runId())
                    .text(row.workflowId())
                    .text(row.nodeId())
                    .number(row.attempt())
                    .number(row.candidateIndex())
                    .text(row.connectionId())
                    .text(cut(row.model(), MODEL_LENGTH))
                    .text(row.messages())
                    .text(row.rawOutput())
                    .text(row.text())
                    .text(cut(row.finishReason(), FINISH_REASON_LENGTH))
                    .number(row.promptTokens())
                    .number(row.completionTokens())
                    .number(row.durationMs())
                    .decimal(row.costUsd())
                    .bool(row.cached())
                    .instant(row.createdAt()));

    private LlmResponseRows() {}

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
