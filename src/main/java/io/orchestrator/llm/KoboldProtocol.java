package io.orchestrator.llm;

import static io.orchestrator.llm.AnswerFields.count;
import static io.orchestrator.llm.AnswerFields.millisSince;
import static io.orchestrator.llm.AnswerFields.string;
import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * KoboldCpp's native API: text completion on one prompt ({@code POST /api/v1/generate}, answer
 * {@code {results: [{text}]}}), streamed by {@code POST /api/extra/generate/stream} as
 * {@code message} events of {@code {token}}. The chat is flattened into that one prompt (see
 * {@link #prompt}). KoboldCpp reports no usage: both counts come from its
 * {@code /api/extra/tokencount}, estimated only when that endpoint does not answer.
 */
public class KoboldProtocol implements ModelProtocol {

    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(5);
    /** Keeps the model from writing the user's next turn itself. */
    static final String NEXT_TURN = "\nUser:";

    private final ModelHttp http;

    public KoboldProtocol(ModelHttp http) {
        this.http = http;
    }

    /**
     * The system text first, then each turn as {@code User: ...} or {@code Assistant: ...} on its
     * own lines, ending with {@code Assistant:} for the model to go on from.
     */
    static String prompt(ModelRequest request) {
        StringBuilder prompt = new StringBuilder();
        String system = request.systemText();
        if (!system.isEmpty()) {
            prompt.append(system).append("\n\n");
        }
        for (ChatMessage message : request.conversation()) {
            prompt.append(ChatMessage.ASSISTANT.equals(message.role()) ? "Assistant: " : "User: ")
                    .append(message.content())
                    .append('\n');
        }
        return prompt.append("Assistant:").toString();
    }

    @Override
    public ModelAnswer generate(ModelEndpoint endpoint, ModelRequest request, Consumer<String> pieces)
            throws ModelFailure {
        long start = System.nanoTime();
        String prompt = prompt(request);
        JsonObject body = body(request, prompt);
        String text;
        String finishReason;
        String raw;
        if (!request.stream()) {
            JsonObject answer = http.postForJson(
                    endpoint.url("/api/v1/generate"), OpenAiProtocol.headers(endpoint), body, request.timeout());
            text = string(answer, "results", 0, "text");
            if (text == null) {
                throw AnswerFields.malformed("no results[0].text");
            }
            pieces.accept(text);
            finishReason = string(answer, "results", 0, "finish_reason");
            raw = answer.toString();
        } else {
            StringBuilder streamed = new StringBuilder();
            StringBuilder events = new StringBuilder();
            String[] reason = {null};
            List<ModelFailure> broken = new ArrayList<>();
            http.stream(
                    endpoint.url("/api/extra/generate/stream"),
                    OpenAiProtocol.headers(endpoint),
                    body,
                    request.timeout(),
                    event -> {
                        events.append(event.data()).append('\n');
                        if (!broken.isEmpty() || !event.name().equals("message")) {
                            return;
                        }
                        try {
                            JsonObject data = AnswerFields.parse(event.data());
                            String token = string(data, "token");
                            if (token != null && !token.isEmpty()) {
                                streamed.append(token);
                                pieces.accept(token);
                            }
                            if (string(data, "finish_reason") != null) {
                                reason[0] = string(data, "finish_reason");
                            }
                        } catch (ModelFailure malformed) {
                            broken.add(malformed);
                        }
                    });
            if (!broken.isEmpty()) {
                throw broken.get(0);
            }
            text = streamed.toString();
            finishReason = reason[0];
            raw = events.toString().strip();
        }
        long millis = millisSince(start);
        long promptTokens = tokenCount(endpoint, prompt).orElse(TokenEstimate.of(prompt));
        long completionTokens = tokenCount(endpoint, text).orElse(TokenEstimate.of(text));
        return new ModelAnswer(text, finishReason, promptTokens, completionTokens, raw, millis);
    }

    private static JsonObject body(ModelRequest request, String prompt) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("prompt", prompt);
        if (request.maxTokens() != null) {
            body.add("max_length", request.maxTokens());
        }
        if (request.temperature() != null) {
            body.add("temperature", request.temperature());
        }
        JsonArrayBuilder stop = JSON.createArrayBuilder();
        request.stop().forEach(stop::add);
        stop.add(NEXT_TURN);
        return body.add("stop_sequence", stop).build();
    }

    /** KoboldCpp's own count of the text's tokens, empty when the server cannot say. */
    private Optional<Long> tokenCount(ModelEndpoint endpoint, String text) {
        if (text.isEmpty()) {
            return Optional.of(0L);
        }
        try {
            JsonObject answer = http.postForJson(
                    endpoint.url("/api/extra/tokencount"),
                    OpenAiProtocol.headers(endpoint),
                    JSON.createObjectBuilder().add("prompt", text).build(),
                    COUNT_TIMEOUT);
            long value = count(answer, "value");
            return value < 0 ? Optional.empty() : Optional.of(value);
        } catch (ModelFailure noCount) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> models(ModelEndpoint endpoint, Duration timeout) throws ModelFailure {
        ModelHttp.Reply reply = http.get(endpoint.url("/api/v1/model"), OpenAiProtocol.headers(endpoint), timeout);
        if (!reply.ok()) {
            throw ModelHttp.statusFailure(reply.status(), reply.body());
        }
        String model = string(reply.json(), "result");
        if (model == null) {
            throw AnswerFields.malformed("no result naming the model");
        }
        return List.of(model);
    }

    /** {@code GET /api/extra/version}: {@code {result: "KoboldCpp", version}}, empty when not answered. */
    Optional<JsonObject> version(ModelEndpoint endpoint, Duration timeout) {
        try {
            ModelHttp.Reply reply =
                    http.get(endpoint.url("/api/extra/version"), OpenAiProtocol.headers(endpoint), timeout);
            return reply.ok() ? Optional.of(reply.json()) : Optional.empty();
        } catch (ModelFailure unanswered) {
            return Optional.empty();
        }
    }
}
