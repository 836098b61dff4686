package io.orchestrator.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A WebSocket client as an API user would write one with the JDK's {@link WebSocket}: it collects
 * the server's messages, whole, as JSON objects, and remembers how the connection was closed.
 */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {

    /** How the server closed the connection. */
    public record Closed(int code, String reason) {}

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long WAIT_SECONDS = 10;

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private SocketClient() {}

    /** The ws:// URI of a path on the server, e.g. {@code uri("/ws/workflow/ID/?token=…")}. */
    public static URI uri(String pathAndQuery) {
        return URI.create(SharedServer.get().baseUri().toString().replaceFirst("^http", "ws") + pathAndQuery);
    }

    /** Connects, or throws the handshake's failure (a CompletionException) as the JDK reports it. */
    public static SocketClient connect(URI uri, UnaryOperator<WebSocket.Builder> options) {
        SocketClient client = new SocketClient();
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        client.socket = options.apply(builder)
                .buildAsync(uri, client)
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
        return client;
    }

    public static SocketClient connect(URI uri) {
        return connect(uri, builder -> builder);
    }

    public WebSocket socket() {
        return socket;
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** The next message from the server; fails if none comes within ten seconds. */
    public JsonObject next() {
        try {
            JsonObject message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(message, "a message within " + WAIT_SECONDS + " s; closed: " + closed.getNow(null));
            return message;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The next message if one has come, else null: for a test that reads many without waiting for each. */
    public JsonObject poll() {
        return received.poll();
    }

    /** The next message, after checking its type. */
    public JsonObject next(String expectedType) {
        JsonObject message = next();
        assertEquals(expectedType, message.getString("type", null), message::toString);
        return message;
    }

    /** How the server closed the connection; fails if it is not closed within ten seconds. */
    public Closed closed() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(Api.parse(partial.toString()).asJsonObject());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        throw new AssertionError("the server sends text only");
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done");
        }
        socket.abort();
    }
}
