package io.orchestrator.llm;

import static io.orchestrator.llm.AnswerFields.count;
import static io.orchestrator.llm.AnswerFields.millisSince;
import static io.orchestrator.llm.AnswerFields.string;
import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenAI's chat completions, as OpenAI-compatible servers speak them (llama.cpp, vLLM, Ollama,
 * KoboldCpp's /v1): {@code POST {base}/chat/completions}, streamed as server-sent events whose last
 * chunk carries the usage ({@code stream_options.include_usage}), then {@code [DONE]}.
 */
public class OpenAiProtocol implements ModelProtocol {

    private final ModelHttp http;

    public OpenAiProtocol(ModelHttp http) {
        this.http = http;
    }

    @Override
    public ModelAnswer generate(ModelEndpoint endpoint, ModelRequest request, Consumer<String> pieces)
            throws ModelFailure {
        long start = System.nanoTime();
        JsonObject body = body(request);
        String url = endpoint.url("/chat/completions");
        if (!request.stream()) {
            JsonObject answer = http.postForJson(url, headers(endpoint), body, request.timeout());
            String text = string(answer, "choices", 0, "message", "content");
            if (text == null) {
                throw AnswerFields.malformed("no choices[0].message.content");
            }
            pieces.accept(text);
            return answer(
                    request,
                    text,
                    string(answer, "choices", 0, "finish_reason"),
                    answer,
                    answer.toString(),
                    millisSince(start));
        }
        StringBuilder text = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        String[] finishReason = {null};
        JsonObject[] usage = {null};
        List<ModelFailure> broken = new ArrayList<>();
        http.stream(url, headers(endpoint), body, request.timeout(), event -> {
            raw.append(event.data()).append('\n');
            if (event.data().equals("[DONE]") || !broken.isEmpty()) {
                return;
            }
            try {
                JsonObject chunk = AnswerFields.parse(event.data());
                String content = string(chunk, "choices", 0, "delta", "content");
                if (content != null && !content.isEmpty()) {
                    text.append(content);
                    pieces.accept(content);
                }
                String reason = string(chunk, "choices", 0, "finish_reason");
                if (reason != null) {
                    finishReason[0] = reason;
                }
                if (chunk.get("usage") instanceof JsonObject reported) {
                    usage[0] = chunk;
                }
                if (chunk.get("error") != null) {
                    broken.add(ModelHttp.statusFailure(500, chunk.toString()));
                }
            } catch (ModelFailure malformed) {
                broken.add(malformed);
            }
        });
        if (!broken.isEmpty()) {
            throw broken.get(0);
        }
        return answer(
                request,
                text.toString(),
                finishReason[0],
                usage[0],
                raw.toString().strip(),
                millisSince(start));
    }

    private static ModelAnswer answer(
            ModelRequest request, String text, String finishReason, JsonObject withUsage, String raw, long millis) {
        long prompt = count(withUsage, "usage", "prompt_tokens");
        long completion = count(withUsage, "usage", "completion_tokens");
        if (prompt < 0) {
            prompt = TokenEstimate.of(String.join(
                    "\n", request.messages().stream().map(ChatMessage::content).toList()));
        }
        if (completion < 0) {
            completion = TokenEstimate.of(text);
        }
        return new ModelAnswer(text, finishReason, prompt, completion, raw, millis);
    }

    private static JsonObject body(ModelRequest request) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("model", request.model())
                .add("messages", ChatMessage.toJson(request.messages()));
        if (request.temperature() != null) {
            body.add("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.add("max_tokens", request.maxTokens());
        }
        if (!request.stop().isEmpty()) {
            JsonArrayBuilder stop = JSON.createArrayBuilder();
            request.stop().forEach(stop::add);
            body.add("stop", stop);
        }
        body.add("stream", request.stream());
        if (request.stream()) {
            body.add("stream_options", JSON.createObjectBuilder().add("include_usage", true));
        }
        return body.build();
    }

    static Map<String, String> headers(ModelEndpoint endpoint) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (endpoint.hasSecret()) {
            headers.put("Authorization", "Bearer " + endpoint.secret());
        }
        return headers;
    }

    @Override
    public List<String> models(ModelEndpoint endpoint, Duration timeout) throws ModelFailure {
        ModelHttp.Reply reply = http.get(endpoint.url("/models"), headers(endpoint), timeout);
        if (!reply.ok()) {
            throw ModelHttp.statusFailure(reply.status(), reply.body());
        }
        return modelIds(reply.json());
    }

    /** {@code {data: [{id}...]}}, the list shape OpenAI and Anthropic share. */
    static List<String> modelIds(JsonObject listing) throws ModelFailure {
        if (!(listing.get("data") instanceof JsonArray data)) {
            throw AnswerFields.malformed("no data list of models");
        }
        List<String> ids = new ArrayList<>();
        for (JsonValue model : data) {
            String id = string(model, "id");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
