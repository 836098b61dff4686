package io.orchestrator.llm;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.http.OutboundHttp;
import io.orchestrator.platform.FailureText;
import io.orchestrator.platform.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP under the model protocols: JSON requests and server-sent event streams, through the
 * same address guard as the http-request node, and to the address it checked (the name is looked
 * up once: {@link OutboundHttp#pinned}). Model servers are called over HTTP/1.1 without following
 * redirects (their APIs do not redirect; a redirect is reported as an error). Streams over plain
 * http, a model server nearby, are read by {@link PlainEventStreams} for a fifth of the JDK client's
 * cost; over https by the JDK's client ({@link SseBodySubscriber}).
 */
@ApplicationScoped
public class ModelHttp {

    static final int MAX_ANSWER_CHARS = 10 * 1024 * 1024;
    private static final int EXCERPT_LENGTH = 300;

    /** A complete answer: its status and body text. */
    public record Reply(int status, String body) {

        boolean ok() {
            return succeeded(status);
        }

        /** The body as a JSON object, or a failure saying the answer is not what the protocol documents. */
        JsonObject json() throws ModelFailure {
            try {
                return JsonText.parseOutside(body).asJsonObject();
            } catch (JsonException | ClassCastException malformed) {
                throw new ModelFailure(
                        ErrorType.HTTP, "the server's answer is not a JSON object: " + excerpt(body), malformed);
            }
        }
    }

    @Inject
    OutboundHttp outbound;

    @Inject
    PlainEventStreams plainStreams;

    /** A request to the address the guard checked: the URL as the caller named it, the builder, its client. */
    private record Call(URI url, HttpRequest.Builder builder, HttpClient client) {}

    /** For CDI. */
    ModelHttp() {}

    /** Outside CDI (tests): with this guard. */
    public ModelHttp(OutboundHttp outbound) {
        this.outbound = outbound;
        this.plainStreams = PlainEventStreams.outsideContainer();
    }

    public Reply get(String url, Map<String, String> headers, Duration timeout) throws ModelFailure {
        Call call = call(url, headers, timeout);
        return send(call, call.builder().GET().build());
    }

    public Reply post(String url, Map<String, String> headers, JsonObject body, Duration timeout) throws ModelFailure {
        Call call = call(url, headers, timeout);
        return send(call, post(call.builder(), body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A JSON answer of a 2xx reply; any other status is a failure with the provider's message. */
    public JsonObject postForJson(String url, Map<String, String> headers, JsonObject body, Duration timeout)
            throws ModelFailure {
        Reply reply = post(url, headers, body, timeout);
        if (!reply.ok()) {
            throw statusFailure(reply.status(), reply.body());
        }
        return reply.json();
    }

    /**
     * Posts the body and hands every server-sent event of the answer to {@code events} as it
     * arrives. A status other than 2xx is a failure with the provider's message.
     */
    public void stream(
            String url, Map<String, String> headers, JsonObject body, Duration timeout, Consumer<SseEvent> events)
            throws ModelFailure {
        Call call = call(url, headers, timeout);
        byte[] sent = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = post(call.builder().header("Accept", "text/event-stream"), sent);
        if (PlainEventStreams.reads(request)) {
            streamPlain(call, request, sent, events);
            return;
        }
        SseBodySubscriber sse = new SseBodySubscriber(events, MAX_ANSWER_CHARS);
        HttpResponse<InputStream> response;
        try {
            // A 2xx answer's events are read as they arrive (send returns once they all have been);
            // any other is an error body, read below.
            response = call.client()
                    .send(
                            request,
                            answer -> succeeded(answer.statusCode())
                                    ? HttpResponse.BodySubscribers.mapping(sse, done -> InputStream.nullInputStream())
                                    : HttpResponse.BodySubscribers.ofInputStream());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ModelFailure(ErrorType.CANCELLED, "the stream was interrupted", interrupted);
        } catch (IOException | RuntimeException failed) {
            throw streamFailure(call.url(), failed, sse.failure());
        }
        if (!succeeded(response.statusCode())) {
            try (InputStream error = response.body()) {
                throw statusFailure(
                        response.statusCode(), new String(error.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            } catch (IOException cut) {
                throw failure(call.url(), cut);
            }
        }
    }

    private void streamPlain(Call call, HttpRequest request, byte[] sent, Consumer<SseEvent> events)
            throws ModelFailure {
        PlainEventStreams.Outcome outcome;
        try {
            outcome = plainStreams.stream(request, sent, events, MAX_ANSWER_CHARS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ModelFailure(ErrorType.CANCELLED, "the stream was interrupted", interrupted);
        } catch (IOException failed) {
            throw failure(call.url(), failed);
        } catch (SseLines.TooLarge tooLarge) {
            throw new ModelFailure(ErrorType.RESPONSE_TOO_LARGE, tooLarge.getMessage());
        }
        if (!succeeded(outcome.status())) {
            throw statusFailure(outcome.status(), outcome.errorBody());
        }
    }

    private static boolean succeeded(int status) {
        return status >= 200 && status < 300;
    }

    /** Why a stream ended early: its size, the consumer's own failure (rethrown as it was), or the connection. */
    private static ModelFailure streamFailure(URI url, Exception failed, RuntimeException own) {
        if (own instanceof SseLines.TooLarge tooLarge) {
            return new ModelFailure(ErrorType.RESPONSE_TOO_LARGE, tooLarge.getMessage());
        }
        if (own != null) {
            throw own;
        }
        if (failed instanceof IOException cut) {
            return failure(url, cut);
        }
        throw (RuntimeException) failed;
    }

    private Call call(String url, Map<String, String> headers, Duration timeout) throws ModelFailure {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException invalid) {
            throw new ModelFailure(ErrorType.VALIDATION, "'" + url + "' is not a valid URL");
        }
        OutboundHttp.Pinned pinned;
        try {
            pinned = outbound.pinned(uri);
        } catch (NodeFailure refused) {
            throw new ModelFailure(refused.errorType(), refused.getMessage(), refused);
        }
        HttpRequest.Builder builder = pinned.request()
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout)
                .header("User-Agent", "Workflow-Orchestrator");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("host")) {
                // The pinned request names the host itself: a second Host would contradict it.
                throw new ModelFailure(ErrorType.VALIDATION, "the Host header is the URL's host, and cannot be set");
            }
            try {
                builder.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException refused) {
                throw new ModelFailure(ErrorType.VALIDATION, "a header cannot be sent: " + refused.getMessage());
            }
        }
        return new Call(uri, builder, pinned.client());
    }

    private static HttpRequest post(HttpRequest.Builder builder, byte[] body) {
        return builder.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private Reply send(Call call, HttpRequest request) throws ModelFailure {
        HttpResponse<InputStream> response = exchange(call, request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream stream = response.body()) {
            byte[] bytes = stream.readNBytes(MAX_ANSWER_CHARS + 1);
            if (bytes.length > MAX_ANSWER_CHARS) {
                throw new ModelFailure(
                        ErrorType.RESPONSE_TOO_LARGE, "the answer is larger than " + MAX_ANSWER_CHARS + " bytes");
            }
            return new Reply(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException cut) {
            throw failure(call.url(), cut);
        }
    }

    private static <T> HttpResponse<T> exchange(Call call, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws ModelFailure {
        try {
            return call.client().send(request, handler);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ModelFailure(ErrorType.CANCELLED, "the call was interrupted", interrupted);
        } catch (IOException failed) {
            throw failure(call.url(), failed);
        }
    }

    private static ModelFailure failure(URI url, IOException cause) {
        String where = url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
        if (cause instanceof HttpConnectTimeoutException) {
            return new ModelFailure(ErrorType.TIMEOUT, "could not connect to " + where + " in time", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ModelFailure(ErrorType.TIMEOUT, where + " did not answer in time", cause);
        }
        if (cause instanceof ConnectException) {
            return new ModelFailure(
                    ErrorType.CONNECTION, "could not connect to " + where + " (connection refused)", cause);
        }
        String reason = FailureText.of(cause, "the connection was closed");
        return new ModelFailure(ErrorType.CONNECTION, "the connection to " + where + " failed: " + reason, cause);
    }

    /** {@code HTTP 401: Incorrect API key provided}: the status and what the provider's error body says. */
    static ModelFailure statusFailure(int status, String body) {
        String said = providerMessage(body);
        return new ModelFailure(ErrorType.HTTP, "HTTP " + status + (said.isEmpty() ? "" : ": " + said));
    }

    /**
     * The message of an error body: OpenAI's and Anthropic's {@code error.message}, KoboldCpp's
     * {@code detail.msg}, a plain {@code message} or {@code error} string, else the body's start.
     */
    static String providerMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonValue json = JsonText.parseOutside(body);
            if (json instanceof JsonObject object) {
                for (JsonValue candidate : new JsonValue[] {
                    at(object, "error", "message"),
                    at(object, "detail", "msg"),
                    object.get("error"),
                    object.get("message"),
                    object.get("detail")
                }) {
                    if (candidate instanceof JsonString text
                            && !text.getString().isBlank()) {
                        return excerpt(text.getString());
                    }
                }
            }
        } catch (JsonException notJson) {
            // a plain text or HTML error page: its start is the message
        }
        return excerpt(body);
    }

    private static JsonValue at(JsonObject object, String outer, String inner) {
        return object.get(outer) instanceof JsonObject nested ? nested.get(inner) : null;
    }

    static String excerpt(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > EXCERPT_LENGTH ? line.substring(0, EXCERPT_LENGTH) + "…" : line;
    }
}
