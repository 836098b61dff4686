package io.orchestrator.testing;

import static io.orchestrator.platform.Jsonp.JSON;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orchestrator.platform.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server for tests and benches that speaks the three protocols the llm node uses, as their
 * public documentation describes them, on one port (as KoboldCpp serves its native API and /v1
 * together):
 *
 * <ul>
 *   <li>OpenAI: {@code POST /v1/chat/completions} (JSON, or SSE with {@code stream_options.include_usage}),
 *       {@code GET /v1/models}; key as {@code Authorization: Bearer}.
 *   <li>KoboldCpp: {@code POST /api/v1/generate}, {@code POST /api/extra/generate/stream},
 *       {@code GET /api/v1/model}, {@code GET /api/extra/version}, {@code POST /api/extra/tokencount}.
 *   <li>Anthropic: {@code POST /v1/messages} (JSON or named SSE events), {@code GET /v1/models}
 *       (told apart from OpenAI's by the {@code anthropic-version} header); key as {@code x-api-key}.
 * </ul>
 *
 * Answers are deterministic: {@code "Reply N of MODEL to: <the last user message>"}, N counting the
 * generations asked of that model, one token per word. Usage counts words of the messages sent and
 * of the answer, the same count {@code tokencount} gives. Switches: a required key (a wrong one
 * gets 401 in the provider's error shape), a failing model (its status with the provider's error
 * JSON), latency before every generation, streaming pace in tokens a second (kept on a schedule
 * from the stream's start), and answers of N tokens that each say when they were sent (for
 * benches that time the way from the model to a client). Every request is recorded, so that a
 * test can read the prompt actually sent.
 *
 * <p>From the command line: {@code FakeModelServer [--port 5001] [--key KEY] [--tokens-per-second N]
 * [--models a,b] [--latency-ms N] [--stamp-tokens N]}.
 */
public final class FakeModelServer implements AutoCloseable {

    static {
        // The JDK's server writes a response's headers and body apart; without TCP_NODELAY the body
        // waits for the client's delayed ACK, 40 ms a call. Model servers answer at once; so does this
        // one (the setting is read when the JVM's first HTTP server starts).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** A request as it arrived: header names in lower case. */
    public record Received(String method, String path, Map<String, String> headers, String body) {

        public JsonObject json() {
            return JsonText.parse(body).asJsonObject();
        }
    }

    public static final String KOBOLD_MODEL = "koboldcpp/fake-kobold";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-model-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();
    private volatile List<String> models = List.of("fake-small", "fake-large");
    private volatile String key;
    private volatile double tokensPerSecond;
    private volatile Duration latency = Duration.ZERO;
    private volatile int stampedTokens;

    private FakeModelServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** On a free port of 127.0.0.1. */
    public static FakeModelServer start() throws IOException {
        return new FakeModelServer(0);
    }

    public static FakeModelServer start(int port) throws IOException {
        return new FakeModelServer(port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The server root: a KoboldCpp or Anthropic connection's base URL. */
    public String root() {
        return "http://127.0.0.1:" + port();
    }

    /** An OpenAI-compatible connection's base URL, up to and including /v1. */
    public String openAiBase() {
        return root() + "/v1";
    }

    /** Every request now needs this key (null: none). */
    public FakeModelServer requireKey(String requiredKey) {
        key = requiredKey;
        return this;
    }

    public FakeModelServer models(String... names) {
        models = List.of(names);
        return this;
    }

    /** Pace of streamed tokens; 0 sends them as fast as possible. */
    public FakeModelServer tokensPerSecond(double pace) {
        tokensPerSecond = pace;
        return this;
    }

    /** Time waited before every generation is answered. */
    public FakeModelServer latency(Duration wait) {
        latency = wait;
        return this;
    }

    /**
     * Answers of this many tokens, each {@code " t<epoch ms>"} with the time it was sent, so that a
     * client can time the way from the model to itself; 0 gives the usual answers back.
     */
    public FakeModelServer stampTokens(int count) {
        stampedTokens = count;
        return this;
    }

    /** Generations asked of this model answer this status (500, 503, 529...) with the provider's error JSON. */
    public FakeModelServer failModel(String model, int status) {
        failing.put(model, status);
        return this;
    }

    public FakeModelServer heal(String model) {
        failing.remove(model);
        return this;
    }

    public List<Received> requests() {
        return List.copyOf(received);
    }

    public List<Received> requests(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    public void clearRequests() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- the answer every protocol gives

    /** The deterministic text of the next generation asked of this model. */
    private String answerText(String model, String lastUserMessage) {
        int n = counters.computeIfAbsent(model, name -> new AtomicInteger()).incrementAndGet();
        return "Reply " + n + " of " + model + " to: " + lastUserMessage.strip();
    }

    /** One token per word, with the space before it: joined they give the text back. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        for (String piece : text.split("(?= )")) {
            if (!piece.isEmpty()) {
                tokens.add(piece);
            }
        }
        return tokens;
    }

    /** Words: the server's tokenizer, for prompts and answers alike. */
    static int tokenCount(String text) {
        String words = text.strip();
        return words.isEmpty() ? 0 : words.split("\\s+").length;
    }

    private static int tokenCount(JsonArray messages) {
        int count = 0;
        for (JsonValue message : messages) {
            count += tokenCount(message.asJsonObject().getString("content", ""));
        }
        return count;
    }

    private static String lastUserMessage(JsonArray messages) {
        String last = "";
        for (JsonValue message : messages) {
            if ("user".equals(message.asJsonObject().getString("role", ""))) {
                last = message.asJsonObject().getString("content", "");
            }
        }
        return last;
    }

    /** The answer cut to the token limit: the text, whether it was cut, and whether its tokens are stamped. */
    private record Generation(List<String> tokens, boolean cut, boolean stamped) {
        String text() {
            return String.join("", tokens.stream().map(this::sent).toList());
        }

        /** The token as it goes out now: a stamped one says when. */
        String sent(String token) {
            return stamped ? " t" + System.currentTimeMillis() : token;
        }
    }

    private Generation generation(String text, Integer maxTokens) {
        int stamped = stampedTokens;
        List<String> all = stamped > 0 ? Collections.nCopies(stamped, " t") : tokens(text);
        if (maxTokens != null && maxTokens < all.size()) {
            return new Generation(all.subList(0, Math.max(0, maxTokens)), true, stamped > 0);
        }
        return new Generation(all, false, stamped > 0);
    }

    // ---- dispatch

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            received.add(new Received(method, path, headers, body));
            boolean anthropic = headers.containsKey("anthropic-version") || headers.containsKey("x-api-key");
            switch (method + " " + path) {
                case "POST /v1/chat/completions" -> openAiChat(exchange, headers, body);
                case "GET /v1/models" -> {
                    if (anthropic) {
                        anthropicModels(exchange, headers);
                    } else {
                        openAiModels(exchange, headers);
                    }
                }
                case "POST /v1/messages" -> anthropicMessages(exchange, headers, body);
                case "POST /api/v1/generate" -> koboldGenerate(exchange, headers, body, false);
                case "POST /api/extra/generate/stream" -> koboldGenerate(exchange, headers, body, true);
                case "GET /api/v1/model" -> {
                    if (koboldAuthorized(exchange, headers)) {
                        json(
                                exchange,
                                200,
                                JSON.createObjectBuilder()
                                        .add("result", KOBOLD_MODEL)
                                        .build());
                    }
                }
                case "GET /api/extra/version" ->
                    json(
                            exchange,
                            200,
                            JSON.createObjectBuilder()
                                    .add("result", "KoboldCpp")
                                    .add("version", "1.80.3")
                                    .add("protected", key != null)
                                    .add("txt2img", false)
                                    .build());
                case "POST /api/extra/tokencount" -> koboldTokenCount(exchange, headers, body);
                default ->
                    json(
                            exchange,
                            404,
                            JSON.createObjectBuilder()
                                    .add("detail", "Not Found: " + method + " " + path)
                                    .build());
            }
        } catch (RuntimeException | IOException broken) {
            // the client went away mid-stream, or a test sent something unreadable: nothing to answer
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- OpenAI

    private static JsonObject openAiError(String message, String type, String code) {
        JsonObjectBuilder error = JSON.createObjectBuilder()
                .add("message", message)
                .add("type", type)
                .addNull("param");
        if (code == null) {
            error.addNull("code");
        } else {
            error.add("code", code);
        }
        return JSON.createObjectBuilder().add("error", error).build();
    }

    private boolean openAiAuthorized(HttpExchange exchange, Map<String, String> headers) throws IOException {
        if (key == null || ("Bearer " + key).equals(headers.get("authorization"))) {
            return true;
        }
        json(
                exchange,
                401,
                openAiError(
                        "Incorrect API key provided. You can find your API key in your account settings.",
                        "invalid_request_error",
                        "invalid_api_key"));
        return false;
    }

    private void openAiModels(HttpExchange exchange, Map<String, String> headers) throws IOException {
        if (!openAiAuthorized(exchange, headers)) {
            return;
        }
        JsonArrayBuilder data = JSON.createArrayBuilder();
        models.forEach(model -> data.add(JSON.createObjectBuilder()
                .add("id", model)
                .add("object", "model")
                .add("created", 1_700_000_000)
                .add("owned_by", "fake")));
        json(
                exchange,
                200,
                JSON.createObjectBuilder()
                        .add("object", "list")
                        .add("data", data)
                        .build());
    }

    private void openAiChat(HttpExchange exchange, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        if (!openAiAuthorized(exchange, headers)) {
            return;
        }
        JsonObject request = parse(body);
        if (request == null
                || !(request.get("model") instanceof JsonString model)
                || !(request.get("messages") instanceof JsonArray messages)) {
            json(
                    exchange,
                    400,
                    openAiError("'model' and 'messages' are required properties.", "invalid_request_error", null));
            return;
        }
        Integer status = failing.get(model.getString());
        if (status != null) {
            json(
                    exchange,
                    status,
                    openAiError(
                            "The model " + model.getString() + " is overloaded. Please try again later.",
                            "server_error",
                            null));
            return;
        }
        waitLatency();
        int promptTokens = tokenCount(messages);
        Generation answer =
                generation(answerText(model.getString(), lastUserMessage(messages)), integer(request, "max_tokens"));
        String finish = answer.cut() ? "length" : "stop";
        String id = "chatcmpl-fake" + received.size();
        JsonObject usage = JSON.createObjectBuilder()
                .add("prompt_tokens", promptTokens)
                .add("completion_tokens", answer.tokens().size())
                .add("total_tokens", promptTokens + answer.tokens().size())
                .build();
        if (!request.getBoolean("stream", false)) {
            json(
                    exchange,
                    200,
                    JSON.createObjectBuilder()
                            .add("id", id)
                            .add("object", "chat.completion")
                            .add("created", System.currentTimeMillis() / 1000)
                            .add("model", model.getString())
                            .add(
                                    "choices",
                                    JSON.createArrayBuilder()
                                            .add(JSON.createObjectBuilder()
                                                    .add("index", 0)
                                                    .add(
                                                            "message",
                                                            JSON.createObjectBuilder()
                                                                    .add("role", "assistant")
                                                                    .add("content", answer.text()))
                                                    .addNull("logprobs")
                                                    .add("finish_reason", finish)))
                            .add("usage", usage)
                            .build());
            return;
        }
        boolean includeUsage = request.get("stream_options") instanceof JsonObject options
                && options.getBoolean("include_usage", false);
        try (OutputStream out = startEvents(exchange)) {
            event(
                    out,
                    null,
                    chunk(
                                    id,
                                    model.getString(),
                                    JSON.createObjectBuilder()
                                            .add("role", "assistant")
                                            .add("content", ""))
                            .toString());
            Pacer pacer = new Pacer();
            for (String token : answer.tokens()) {
                pacer.next();
                event(
                        out,
                        null,
                        chunk(id, model.getString(), JSON.createObjectBuilder().add("content", answer.sent(token)))
                                .toString());
            }
            JsonObject last = JSON.createObjectBuilder(chunk(id, model.getString(), JSON.createObjectBuilder()))
                    .add(
                            "choices",
                            JSON.createArrayBuilder()
                                    .add(JSON.createObjectBuilder()
                                            .add("index", 0)
                                            .add("delta", JsonValue.EMPTY_JSON_OBJECT)
                                            .add("finish_reason", finish)))
                    .build();
            event(out, null, last.toString());
            if (includeUsage) {
                event(
                        out,
                        null,
                        JSON.createObjectBuilder()
                                .add("id", id)
                                .add("object", "chat.completion.chunk")
                                .add("model", model.getString())
                                .add("choices", JsonValue.EMPTY_JSON_ARRAY)
                                .add("usage", usage)
                                .build()
                                .toString());
            }
            event(out, null, "[DONE]");
        }
    }

    private static JsonObject chunk(String id, String model, JsonObjectBuilder delta) {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("object", "chat.completion.chunk")
                .add("created", System.currentTimeMillis() / 1000)
                .add("model", model)
                .add(
                        "choices",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("index", 0)
                                        .add("delta", delta)
                                        .addNull("finish_reason")))
                .build();
    }

    // ---- Anthropic

    private static JsonObject anthropicError(String type, String message) {
        return JSON.createObjectBuilder()
                .add("type", "error")
                .add("error", JSON.createObjectBuilder().add("type", type).add("message", message))
                .build();
    }

    private boolean anthropicAuthorized(HttpExchange exchange, Map<String, String> headers) throws IOException {
        if (key != null && !key.equals(headers.get("x-api-key"))) {
            json(exchange, 401, anthropicError("authentication_error", "invalid x-api-key"));
            return false;
        }
        if (!headers.containsKey("anthropic-version")) {
            json(exchange, 400, anthropicError("invalid_request_error", "anthropic-version: header is required"));
            return false;
        }
        return true;
    }

    private void anthropicModels(HttpExchange exchange, Map<String, String> headers) throws IOException {
        if (!anthropicAuthorized(exchange, headers)) {
            return;
        }
        JsonArrayBuilder data = JSON.createArrayBuilder();
        models.forEach(model -> data.add(JSON.createObjectBuilder()
                .add("type", "model")
                .add("id", model)
                .add("display_name", model)
                .add("created_at", "2025-01-01T00:00:00Z")));
        json(
                exchange,
                200,
                JSON.createObjectBuilder()
                        .add("data", data)
                        .add("has_more", false)
                        .add("first_id", models.isEmpty() ? "" : models.get(0))
                        .add("last_id", models.isEmpty() ? "" : models.get(models.size() - 1))
                        .build());
    }

    private void anthropicMessages(HttpExchange exchange, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        if (!anthropicAuthorized(exchange, headers)) {
            return;
        }
        JsonObject request = parse(body);
        if (request == null
                || !(request.get("model") instanceof JsonString model)
                || !(request.get("messages") instanceof JsonArray messages)
                || integer(request, "max_tokens") == null) {
            json(
                    exchange,
                    400,
                    anthropicError("invalid_request_error", "model, messages and max_tokens: Field required"));
            return;
        }
        for (JsonValue message : messages) {
            if ("system".equals(message.asJsonObject().getString("role", ""))) {
                json(
                        exchange,
                        400,
                        anthropicError(
                                "invalid_request_error",
                                "messages: Unexpected role \"system\". The Messages API accepts a top-level"
                                        + " `system` parameter, not \"system\" as an input message role."));
                return;
            }
        }
        Integer status = failing.get(model.getString());
        if (status != null) {
            json(
                    exchange,
                    status,
                    anthropicError(status == 529 ? "overloaded_error" : "api_error", "Internal server error"));
            return;
        }
        waitLatency();
        int inputTokens = tokenCount(messages)
                + (request.get("system") instanceof JsonString system ? tokenCount(system.getString()) : 0);
        Generation answer =
                generation(answerText(model.getString(), lastUserMessage(messages)), integer(request, "max_tokens"));
        String stopReason = answer.cut() ? "max_tokens" : "end_turn";
        String id = "msg_fake" + received.size();
        if (!request.getBoolean("stream", false)) {
            json(
                    exchange,
                    200,
                    JSON.createObjectBuilder()
                            .add("id", id)
                            .add("type", "message")
                            .add("role", "assistant")
                            .add("model", model.getString())
                            .add(
                                    "content",
                                    JSON.createArrayBuilder()
                                            .add(JSON.createObjectBuilder()
                                                    .add("type", "text")
                                                    .add("text", answer.text())))
                            .add("stop_reason", stopReason)
                            .addNull("stop_sequence")
                            .add(
                                    "usage",
                                    JSON.createObjectBuilder()
                                            .add("input_tokens", inputTokens)
                                            .add(
                                                    "output_tokens",
                                                    answer.tokens().size()))
                            .build());
            return;
        }
        try (OutputStream out = startEvents(exchange)) {
            event(
                    out,
                    "message_start",
                    JSON.createObjectBuilder()
                            .add("type", "message_start")
                            .add(
                                    "message",
                                    JSON.createObjectBuilder()
                                            .add("id", id)
                                            .add("type", "message")
                                            .add("role", "assistant")
                                            .add("content", JsonValue.EMPTY_JSON_ARRAY)
                                            .add("model", model.getString())
                                            .addNull("stop_reason")
                                            .addNull("stop_sequence")
                                            .add(
                                                    "usage",
                                                    JSON.createObjectBuilder()
                                                            .add("input_tokens", inputTokens)
                                                            .add("output_tokens", 1)))
                            .build()
                            .toString());
            event(
                    out,
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            event(out, "ping", "{\"type\": \"ping\"}");
            Pacer pacer = new Pacer();
            for (String token : answer.tokens()) {
                pacer.next();
                event(
                        out,
                        "content_block_delta",
                        JSON.createObjectBuilder()
                                .add("type", "content_block_delta")
                                .add("index", 0)
                                .add(
                                        "delta",
                                        JSON.createObjectBuilder()
                                                .add("type", "text_delta")
                                                .add("text", answer.sent(token)))
                                .build()
                                .toString());
            }
            event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            event(
                    out,
                    "message_delta",
                    JSON.createObjectBuilder()
                            .add("type", "message_delta")
                            .add(
                                    "delta",
                                    JSON.createObjectBuilder()
                                            .add("stop_reason", stopReason)
                                            .addNull("stop_sequence"))
                            .add(
                                    "usage",
                                    JSON.createObjectBuilder()
                                            .add(
                                                    "output_tokens",
                                                    answer.tokens().size()))
                            .build()
                            .toString());
            event(out, "message_stop", "{\"type\":\"message_stop\"}");
        }
    }

    // ---- KoboldCpp

    private boolean koboldAuthorized(HttpExchange exchange, Map<String, String> headers) throws IOException {
        if (key == null || ("Bearer " + key).equals(headers.get("authorization"))) {
            return true;
        }
        json(exchange, 401, koboldError("Authentication key is missing or invalid.", "key_error"));
        return false;
    }

    private static JsonObject koboldError(String message, String type) {
        return JSON.createObjectBuilder()
                .add("detail", JSON.createObjectBuilder().add("msg", message).add("type", type))
                .build();
    }

    private void koboldGenerate(HttpExchange exchange, Map<String, String> headers, String body, boolean stream)
            throws IOException, InterruptedException {
        if (!koboldAuthorized(exchange, headers)) {
            return;
        }
        JsonObject request = parse(body);
        if (request == null || !(request.get("prompt") instanceof JsonString prompt)) {
            json(exchange, 422, koboldError("prompt: field required", "value_error.missing"));
            return;
        }
        Integer status = failing.get(KOBOLD_MODEL);
        if (status != null) {
            json(exchange, status, koboldError("Server is busy; please try again later.", "service_unavailable"));
            return;
        }
        waitLatency();
        Integer maxLength = integer(request, "max_length");
        Generation answer = generation(
                answerText(KOBOLD_MODEL, lastKoboldTurn(prompt.getString())), maxLength == null ? 100 : maxLength);
        String finish = answer.cut() ? "length" : "stop";
        if (!stream) {
            json(
                    exchange,
                    200,
                    JSON.createObjectBuilder()
                            .add(
                                    "results",
                                    JSON.createArrayBuilder()
                                            .add(JSON.createObjectBuilder()
                                                    .add("text", answer.text())
                                                    .add("finish_reason", finish)))
                            .build());
            return;
        }
        try (OutputStream out = startEvents(exchange)) {
            List<String> tokens = answer.tokens();
            Pacer pacer = new Pacer();
            for (int i = 0; i < tokens.size(); i++) {
                pacer.next();
                JsonObjectBuilder data = JSON.createObjectBuilder().add("token", answer.sent(tokens.get(i)));
                if (i == tokens.size() - 1) {
                    data.add("finish_reason", finish);
                } else {
                    data.addNull("finish_reason");
                }
                event(out, "message", data.build().toString());
            }
        }
    }

    /** The text after the prompt's last {@code User:}, up to its line's end. */
    private static String lastKoboldTurn(String prompt) {
        int at = prompt.lastIndexOf("User: ");
        String turn = at < 0 ? prompt : prompt.substring(at + "User: ".length());
        int end = turn.indexOf("\nAssistant:");
        return end < 0 ? turn : turn.substring(0, end);
    }

    private void koboldTokenCount(HttpExchange exchange, Map<String, String> headers, String body) throws IOException {
        if (!koboldAuthorized(exchange, headers)) {
            return;
        }
        JsonObject request = parse(body);
        String prompt = request == null ? "" : request.getString("prompt", "");
        int count = tokenCount(prompt);
        JsonArrayBuilder ids = JSON.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            ids.add(i + 1);
        }
        json(
                exchange,
                200,
                JSON.createObjectBuilder().add("value", count).add("ids", ids).build());
    }

    // ---- HTTP plumbing

    private static JsonObject parse(String body) {
        try {
            return JsonText.parse(body).asJsonObject();
        } catch (JsonException | ClassCastException notAnObject) {
            return null;
        }
    }

    private static Integer integer(JsonObject request, String field) {
        return request.get(field) instanceof JsonNumber number ? number.intValue() : null;
    }

    private void waitLatency() throws InterruptedException {
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis());
        }
    }

    /**
     * One stream's pace: token n is due n intervals after the stream began, so that a sleep that
     * wakes late (a busy machine) does not slow the rate down.
     */
    private final class Pacer {
        private final long startNanos = System.nanoTime();
        private long count;

        void next() throws InterruptedException {
            double pace = tokensPerSecond;
            if (pace <= 0) {
                return;
            }
            long wait = startNanos + (long) (++count * 1e9 / pace) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    private static void json(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static OutputStream startEvents(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 5001;
        FakeModelServer settings;
        List<String> arguments = Arrays.asList(args);
        for (int i = 0; i + 1 < arguments.size(); i += 2) {
            if (arguments.get(i).equals("--port")) {
                port = Integer.parseInt(arguments.get(i + 1));
            }
        }
        settings = start(port);
        for (int i = 0; i + 1 < arguments.size(); i += 2) {
            String value = arguments.get(i + 1);
            switch (arguments.get(i)) {
                case "--key" -> settings.requireKey(value);
                case "--tokens-per-second" -> settings.tokensPerSecond(Double.parseDouble(value));
                case "--models" -> settings.models(value.split(","));
                case "--latency-ms" -> settings.latency(Duration.ofMillis(Long.parseLong(value)));
                case "--stamp-tokens" -> settings.stampTokens(Integer.parseInt(value));
                case "--port" -> {}
                default -> throw new IllegalArgumentException("Unknown option " + arguments.get(i));
            }
        }
        System.out.println("Fake model server on " + settings.root() + " (OpenAI-compatible: "
                + settings.openAiBase() + "; KoboldCpp and Anthropic: " + settings.root() + "), models "
                + settings.models + "; Ctrl+C stops it.");
        // The server's threads are daemons, so that tests never wait for them: here main holds the JVM.
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
