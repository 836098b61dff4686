package io.orchestrator.llm;

import io.orchestrator.workflow.JsonColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One candidate of an llm node as it was produced: the messages sent, the provider's raw answer,
 * the text, tokens, time and cost. Written once, never changed.
 */
@Entity
@Table(name = "llm_response")
@NamedQuery(
        name = "LlmResponse.ofRun",
        query = "select r from LlmResponse r where r.runId = :runId"
                + " order by r.createdAt, r.nodeId, r.attempt, r.candidateIndex")
@NamedQuery(
        name = "LlmResponse.ofRunNode",
        query = "select r from LlmResponse r where r.runId = :runId and r.nodeId = :nodeId"
                + " order by r.attempt, r.candidateIndex")
@NamedQuery(
        name = "LlmResponse.totalsOfRun",
        query = "select sum(r.promptTokens), sum(r.completionTokens), sum(r.costUsd) from LlmResponse r"
                + " where r.runId = :runId")
@NamedQuery(name = "LlmResponse.deleteOfRun", query = "delete from LlmResponse r where r.runId = :runId")
@NamedQuery(name = "LlmResponse.deleteOfWorkflow", query = "delete from LlmResponse r where r.workflowId = :workflowId")
public class LlmResponse {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "run_id", nullable = false, length = 36)
    private String runId;

    @Column(name = "workflow_id", nullable = false, length = 36)
    private String workflowId;

    @Column(name = "node_id", nullable = false, length = 36)
    private String nodeId;

    @Column(nullable = false)
    private int attempt;

    @Column(name = "candidate_index", nullable = false)
    private int candidateIndex;

    @Column(name = "connection_id", nullable = false, length = 36)
    private String connectionId;

    @Column(nullable = false, length = 500)
    private String model;

    @Lob
    @Column(nullable = false, length = JsonColumns.JSON_TEXT)
    private String messages;

    @Lob
    @Column(name = "raw_output", length = JsonColumns.JSON_TEXT)
    private String rawOutput;

    @Lob
    @Column(name = "response_text", nullable = false, length = JsonColumns.JSON_TEXT)
    private String text;

    @Column(name = "finish_reason", length = 64)
    private String finishReason;

    @Column(name = "prompt_tokens", nullable = false)
    private long promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    private long completionTokens;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(name = "cost_usd", nullable = false, precision = 24, scale = 12)
    private BigDecimal costUsd;

    @Column(nullable = false)
    private boolean cached;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LlmResponse() {}

    /** A row for a candidate of a node's attempt. */
    public LlmResponse(
            String id,
            String runId,
            String workflowId,
            String nodeId,
            int attempt,
            int candidateIndex,
            ModelChoice choice,
            String messages,
            ModelAnswer answer,
            BigDecimal costUsd,
            boolean cached,
            Instant createdAt) {
        this.id = id;
        this.runId = runId;
        this.workflowId = workflowId;
        this.nodeId = nodeId;
        this.attempt = attempt;
        this.candidateIndex = candidateIndex;
        this.connectionId = choice.connection();
        this.model = choice.model();
        this.messages = messages;
        this.rawOutput = answer.raw();
        this.text = answer.text();
        this.finishReason = answer.finishReason();
        this.promptTokens = answer.promptTokens();
        this.completionTokens = answer.completionTokens();
        this.durationMs = answer.durationMillis();
        this.costUsd = costUsd;
        this.cached = cached;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String runId() {
        return runId;
    }

    public String workflowId() {
        return workflowId;
    }

    public String nodeId() {
        return nodeId;
    }

    public int attempt() {
        return attempt;
    }

    public int candidateIndex() {
        return candidateIndex;
    }

    public String connectionId() {
        return connectionId;
    }

    public String model() {
        return model;
    }

    public String messages() {
        return messages;
    }

    public String rawOutput() {
        return rawOutput;
    }

    public String text() {
        return text;
    }

    public String finishReason() {
        return finishReason;
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }

    public long durationMs() {
        return durationMs;
    }

    public BigDecimal costUsd() {
        return costUsd;
    }

    public boolean cached() {
        return cached;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
