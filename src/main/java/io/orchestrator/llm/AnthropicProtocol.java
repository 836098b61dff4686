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
 * Anthropic's messages API: {@code POST {base}/v1/messages} with the system prompt apart and
 * {@code max_tokens} required, streamed as named events ({@code message_start} with the input
 * usage, {@code content_block_delta} with text, {@code message_delta} with the output usage).
 */
public class AnthropicProtocol implements ModelProtocol {

    static final String VERSION = "2023-06-01";
    /** Anthropic requires max_tokens; a node that sets none gets this. */
    static final int DEFAULT_MAX_TOKENS = 1024;

    private final ModelHttp http;

    public AnthropicProtocol(ModelHttp http) {
        this.http = http;
    }

    @Override
    public ModelAnswer generate(ModelEndpoint endpoint, ModelRequest request, Consumer<String> pieces)
            throws ModelFailure {
        long start = System.nanoTime();
        String url = endpoint.url("/v1/messages");
        if (!request.stream()) {
            JsonObject answer = http.postForJson(url, headers(endpoint), body(request), request.timeout());
            if (!(answer.get("content") instanceof JsonArray content)) {
                throw AnswerFields.malformed("no content list");
            }
            StringBuilder text = new StringBuilder();
            for (JsonValue block : content) {
                if ("text".equals(string(block, "type")) && string(block, "text") != null) {
                    text.append(string(block, "text"));
                }
            }
            pieces.accept(text.toString());
            return new ModelAnswer(
                    text.toString(),
                    string(answer, "stop_reason"),
                    Math.max(0, count(answer, "usage", "input_tokens")),
                    Math.max(0, count(answer, "usage", "output_tokens")),
                    answer.toString(),
                    millisSince(start));
        }
        StringBuilder text = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        String[] stopReason = {null};
        long[] tokens = {0, 0};
        List<ModelFailure> broken = new ArrayList<>();
        http.stream(url, headers(endpoint), body(request), request.timeout(), event -> {
            raw.append(event.data()).append('\n');
            if (!broken.isEmpty()) {
                return;
            }
            try {
                JsonObject data = AnswerFields.parse(event.data());
                switch (event.name()) {
                    case "message_start" -> {
                        tokens[0] = Math.max(0, count(data, "message", "usage", "input_tokens"));
                        tokens[1] = Math.max(0, count(data, "message", "usage", "output_tokens"));
                    }
                    case "content_block_delta" -> {
                        String piece = string(data, "delta", "text");
                        if (piece != null && !piece.isEmpty()) {
                            text.append(piece);
                            pieces.accept(piece);
                        }
                    }
                    case "message_delta" -> {
                        if (string(data, "delta", "stop_reason") != null) {
                            stopReason[0] = string(data, "delta", "stop_reason");
                        }
                        long output = count(data, "usage", "output_tokens");
                        if (output >= 0) {
                            tokens[1] = output;
                        }
                    }
                    case "error" -> broken.add(ModelHttp.statusFailure(500, event.data()));
                    default -> {
                        // ping, content_block_start/stop, message_stop: nothing to keep
                    }
                }
            } catch (ModelFailure malformed) {
                broken.add(malformed);
            }
        });
        if (!broken.isEmpty()) {
            throw broken.get(0);
        }
        return new ModelAnswer(
                text.toString(),
                stopReason[0],
                tokens[0],
                tokens[1],
                raw.toString().strip(),
                millisSince(start));
    }

    private static JsonObject body(ModelRequest request) {
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        request.conversation().forEach(message -> messages.add(message.toJson()));
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("model", request.model())
                .add("max_tokens", request.maxTokens() == null ? DEFAULT_MAX_TOKENS : request.maxTokens());
        String system = request.systemText();
        if (!system.isEmpty()) {
            body.add("system", system);
        }
        body.add("messages", messages);
        if (request.temperature() != null) {
            body.add("temperature", request.temperature());
        }
        if (!request.stop().isEmpty()) {
            JsonArrayBuilder stop = JSON.createArrayBuilder();
            request.stop().forEach(stop::add);
            body.add("stop_sequences", stop);
        }
        if (request.stream()) {
            body.add("stream", true);
        }
        return body.build();
    }

    private static Map<String, String> headers(ModelEndpoint endpoint) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        if (endpoint.hasSecret()) {
            headers.put("x-api-key", endpoint.secret());
        }
        headers.put("anthropic-version", VERSION);
        return headers;
    }

    @Override
    public List<String> models(ModelEndpoint endpoint, Duration timeout) throws ModelFailure {
        ModelHttp.Reply reply = http.get(endpoint.url("/v1/models"), headers(endpoint), timeout);
        if (!reply.ok()) {
            throw ModelHttp.statusFailure(reply.status(), reply.body());
        }
        return OpenAiProtocol.modelIds(reply.json());
    }
}
