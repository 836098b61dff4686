package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Timestamps;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/** The API's shape of llm_response records. */
public final class LlmResponseJson {

    private LlmResponseJson() {}

    /** {@code {llm_responses: [...], count}}. */
    public static JsonObject list(List<LlmResponse> responses) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        responses.forEach(response -> list.add(of(response)));
        return JSON.createObjectBuilder()
                .add("llm_responses", list)
                .add("count", responses.size())
                .build();
    }

    public static JsonObject of(LlmResponse response) {
        return JSON.createObjectBuilder()
                .add("id", response.id())
                .add("run_id", response.runId())
                .add("workflow_id", response.workflowId())
                .add("node_id", response.nodeId())
                .add("attempt", response.attempt())
                .add("candidate_index", response.candidateIndex())
                .add("connection", response.connectionId())
                .add("model", response.model())
                .add("messages", JsonText.parse(response.messages()))
                .add(
                        "raw_output",
                        response.rawOutput() == null ? JsonValue.NULL : JSON.createValue(response.rawOutput()))
                .add("text", response.text())
                .add(
                        "finish_reason",
                        response.finishReason() == null ? JsonValue.NULL : JSON.createValue(response.finishReason()))
                .add("tokens", tokens(response.promptTokens(), response.completionTokens()))
                .add("duration_ms", response.durationMs())
                .add("cost_usd", Prices.exact(response.costUsd()))
                .add("cached", response.cached())
                .add("created_at", Timestamps.json(response.createdAt()))
                .build();
    }

    public static JsonObject tokens(long prompt, long completion) {
        return JSON.createObjectBuilder()
                .add("prompt", prompt)
                .add("completion", completion)
                .add("total", prompt + completion)
                .build();
    }
}
