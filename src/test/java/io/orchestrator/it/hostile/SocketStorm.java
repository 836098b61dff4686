package io.orchestrator.it.hostile;

import io.orchestrator.it.hostile.Fixtures.Kind;
import io.orchestrator.it.support.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket's share of the storm ({@code /ws/workflow/{id}/}): handshakes with wrong tokens
 * and unknown workflows, then hostile messages over several connections (garbage, unknown types,
 * deep nesting, big numbers, frames over the 64 KB limit, binary frames, fragments), then raw bytes
 * that are not WebSocket frames at all. Every message the server sends back must be JSON with a
 * type, an error in the contract's shape and never an INTERNAL_ERROR; no connection may be closed
 * as a server failure (1011); a connection that survives still answers a ping.
 */
public final class SocketStorm {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CONNECTIONS = 8;
    /**
     * How the server ends a connection over a frame it refuses, as it should: a message too big
     * (1009), not UTF-8 (1007), binary (1003), or against the protocol (1002).
     */
    private static final Set<Integer> ENDED_BY_A_FRAME = Set.of(1002, 1003, 1007, 1009);

    private final URI base;
    private final Fixtures fixtures;
    private final Violations violations;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private int frames;

    public SocketStorm(URI base, Fixtures fixtures, Violations violations) {
        this.base = base;
        this.fixtures = fixtures;
        this.violations = violations;
    }

    /** Runs it all; returns how many handshakes and frames went out. */
    public int run(long seed) {
        Random random = new Random(seed);
        String workflow = fixtures.freshWorkflow("sockets");
        wrongHandshakes(workflow);
        for (int connection = 0; connection < CONNECTIONS; connection++) {
            hostileMessages(workflow, connection, random);
        }
        rawGarbage(workflow, random);
        return frames;
    }

    private void wrongHandshakes(String workflow) {
        List<String> tokens = List.of(
                "", "garbage", "x".repeat(10_000), fixtures.expiredToken, fixtures.revokedToken, "%FF%FE", "%00");
        for (String token : tokens) {
            handshake(
                    "/ws/workflow/" + workflow + "/?token=" + token,
                    null,
                    "a wrong token '" + Bodies.excerpt(token) + "'");
            handshake(
                    "/ws/workflow/" + workflow + "/",
                    "bearer." + token.replace("%", "p"),
                    "a wrong bearer subprotocol");
        }
        handshake("/ws/workflow/" + workflow + "/", null, "no token");
        for (String unknown : RequestGenerator.ODD_SEGMENTS) {
            handshake(
                    "/ws/workflow/" + unknown + "/?token=" + fixtures.stormToken,
                    null,
                    "workflow " + Bodies.excerpt(unknown));
        }
        handshake("/ws/workflow/" + UUID.randomUUID() + "/?token=" + fixtures.stormToken, null, "an unknown workflow");
        handshake("/ws/workflow/?token=" + fixtures.stormToken, null, "no workflow");
        handshake("/ws/elsewhere/?token=" + fixtures.stormToken, null, "no such socket");
    }

    /** A handshake that must be refused (a 4xx) or closed at once (4404), never fail as a server error. */
    private void handshake(String pathAndQuery, String subprotocol, String what) {
        frames++;
        Listener listener = new Listener();
        try {
            WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(WAIT);
            if (subprotocol != null) {
                builder.subprotocols(subprotocol);
            }
            WebSocket socket = builder.buildAsync(uri(pathAndQuery), listener)
                    .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .join();
            Integer code = listener.closeCode(WAIT);
            if (code == null) {
                violations.add("a WebSocket opened for " + what, "WebSocket handshake", pathAndQuery(pathAndQuery));
            } else if (code != 4404 && code != 1008) {
                violations.add(
                        "a WebSocket closed with " + code,
                        "WebSocket handshake",
                        what + " " + pathAndQuery(pathAndQuery));
            }
            socket.abort();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof WebSocketHandshakeException refused) {
                int status = refused.getResponse().statusCode();
                Object body = refused.getResponse().body();
                AnswerRules.check(
                        violations,
                        "WebSocket handshake",
                        what + " " + pathAndQuery(pathAndQuery),
                        "GET",
                        status,
                        body == null ? null : body.toString());
                if (status < 400) {
                    violations.add("a WebSocket handshake answered " + status, "WebSocket handshake", what);
                }
            } else if (!(failed.getCause() instanceof IOException)) {
                violations.add("a WebSocket handshake failed: " + failed.getCause(), "WebSocket handshake", what);
            }
        }
        listener.check("WebSocket handshake");
    }

    private void hostileMessages(String workflow, int connection, Random random) {
        List<Frame> plan = frames(random);
        Connected socket = connect(workflow, connection);
        for (Frame frame : plan) {
            if (socket == null || socket.listener.closed.isDone()) {
                if (socket != null) {
                    socket.listener.check("WebSocket messages");
                }
                socket = connect(workflow, connection);
                if (socket == null) {
                    return;
                }
            }
            frames++;
            try {
                frame.send(socket.socket).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception sendFailed) {
                // The server may close while a frame goes out (a frame past its limit): the close code says why.
            }
        }
        if (socket != null && !pong(socket)) {
            // The last frames may have ended this connection as they should (a frame past the limit:
            // 1009; binary: 1003), its close still on the way when the ping went: the server must
            // then still serve the same client on a new connection.
            Integer closed = socket.listener.closeCode(Duration.ZERO);
            socket.listener.check("WebSocket messages");
            socket.socket.abort();
            if (closed == null || !ENDED_BY_A_FRAME.contains(closed)) {
                violations.add(
                        "no pong after the hostile messages",
                        "WebSocket messages",
                        "connection " + connection + ", open, or closed with " + closed);
                return;
            }
            socket = connect(workflow, connection);
            if (socket != null && !pong(socket)) {
                violations.add(
                        "no pong on a new connection after the hostile messages",
                        "WebSocket messages",
                        "connection " + connection + ", the first closed with " + closed + ", the new one "
                                + socket.listener.closed.getNow(null));
            }
        }
        if (socket != null) {
            socket.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            socket.listener.closeCode(WAIT);
            socket.socket.abort();
            socket.listener.check("WebSocket messages");
        }
    }

    /** Sends a ping and waits for its pong; false when none came (the connection closed, or silence). */
    private boolean pong(Connected socket) {
        if (socket.listener.closed.isDone()) {
            return false;
        }
        int before = socket.listener.pongs();
        socket.socket.sendText("{\"type\":\"ping\"}", true);
        frames++;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (socket.listener.pongs() == before && System.nanoTime() < deadline && !socket.listener.closed.isDone()) {
            ServerVitals.pause(50);
        }
        return socket.listener.pongs() > before;
    }

    private record Connected(WebSocket socket, Listener listener) {}

    private Connected connect(String workflow, int connection) {
        Listener listener = new Listener();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(WAIT);
        String path = "/ws/workflow/" + workflow + "/";
        switch (connection % 3) {
            case 0 -> path += "?token=" + fixtures.stormToken;
            case 1 -> builder.subprotocols("bearer." + fixtures.stormToken);
            default -> builder.header("Authorization", "Bearer " + fixtures.stormToken);
        }
        frames++;
        try {
            return new Connected(
                    builder.buildAsync(uri(path), listener)
                            .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                            .join(),
                    listener);
        } catch (CompletionException failed) {
            violations.add(
                    "a WebSocket with a good token could not connect",
                    "WebSocket messages",
                    failed.getCause().toString());
            return null;
        }
    }

    /** One frame to send. */
    private interface Frame {
        CompletionStage<WebSocket> send(WebSocket socket);
    }

    private static Frame text(String text) {
        return socket -> socket.sendText(text, true);
    }

    private List<Frame> frames(Random random) {
        String run = fixtures.first(Kind.RUN);
        String waiting = fixtures.pool(Kind.RUN).get(fixtures.pool(Kind.RUN).size() - 1);
        List<Frame> all = new ArrayList<>(List.of(
                text(""),
                text("garbage"),
                text("{"),
                text("[]"),
                text("null"),
                text("42"),
                text("1e100000000"),
                text("{\"type\": 1}"),
                text("{\"type\": null}"),
                text("{\"type\": \"nope\"}"),
                text("{\"type\": \"" + "x".repeat(60_000) + "\"}"),
                text("{\"type\": \"ping\"} trailing"),
                text("{\"type\": \"ping\", \"type\": \"request_state\"}"),
                text("[".repeat(30_000) + "]".repeat(30_000)),
                text("{\"type\": \"ping\", \"x\": " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}"),
                text("{\"type\": \"pause_run\", \"task_id\": 1e100000000}"),
                text("{\"type\": \"pause_run\", \"task_id\": \"" + UUID.randomUUID() + "\"}"),
                text("{\"type\": \"pause_run\", \"task_id\": \"" + run + "\"}"),
                text("{\"type\": \"resume_run\", \"task_id\": \"../../etc\"}"),
                text("{\"type\": \"resume_run\", \"task_id\": \"" + waiting + "\"}"),
                text("{\"type\": \"user_selection\", \"task_id\": \"" + waiting
                        + "\", \"node_id\": \"x\", \"selected\": [1e100000000]}"),
                text("{\"type\": \"user_selection\", \"task_id\": \"" + UUID.randomUUID()
                        + "\", \"node_id\": null, \"selected\": \"x\"}"),
                text("{\"type\": \"user_selection\", \"task_id\": [], \"node_id\": {}, \"selected\": " + "[".repeat(60)
                        + "]".repeat(60) + "}"),
                text("{\"type\": \"user_feedback\", \"task_id\": \"" + waiting
                        + "\", \"node_id\": \"n\", \"feedback\": \"" + "f".repeat(60_000) + "\"}"),
                text("{\"type\": \"user_feedback\", \"task_id\": null}"),
                text("{\"type\": \"request_state\", \"extra\": -1e-100000000}"),
                text("{\"type\": \"\\u0000\"}"),
                text("{\"type\": \"\\uD800\"}"),
                text("{\"type\": \"ping\"}"),
                text("{\"type\": \"request_state\"}"),
                socket -> socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))),
                socket -> socket.sendPong(ByteBuffer.allocate(10)),
                socket -> socket.sendText("{\"type\": ", false).thenCompose(s -> s.sendText("\"ping\"}", true)),
                socket -> socket.sendText("{\"type\": \"pi", false)
                        .thenCompose(s -> s.sendText("x".repeat(70_000), false))
                        .thenCompose(s -> s.sendText("ng\"}", true))));
        List<Frame> closing = List.of(
                text("{\"type\": \"ping\", \"pad\": \"" + "p".repeat(70_000) + "\"}"),
                text("x".repeat(1_000_000)),
                socket -> socket.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0, 1, 2}), true),
                socket -> socket.sendBinary(
                        ByteBuffer.wrap("{\"type\": \"ping\"}".getBytes(StandardCharsets.UTF_8)), true));
        java.util.Collections.shuffle(all, random);
        // One frame that may end the connection, at a random place: the rest go over a new one.
        all.add(random.nextInt(all.size()), closing.get(random.nextInt(closing.size())));
        return all;
    }

    /**
     * Bytes that are not valid frames after a proper handshake: unmasked frames, reserved bits, an
     * absurd length, a text frame that is not UTF-8, a control frame too long, a continuation with
     * nothing to continue, random noise.
     */
    private void rawGarbage(String workflow, Random random) {
        List<byte[]> garbage = new ArrayList<>(List.of(
                new byte[] {(byte) 0x81, 0x05, 'h', 'e', 'l', 'l', 'o'},
                new byte[] {(byte) 0xF1, (byte) 0x80, 0, 0, 0, 0},
                new byte[] {
                    (byte) 0x81,
                    (byte) 0xFF,
                    0x7F,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    (byte) 0xFF,
                    1,
                    2,
                    3,
                    4
                },
                masked(0x81, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}),
                masked(0x89, new byte[200]),
                masked(0x80, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)),
                masked(0x83, new byte[] {1, 2, 3}),
                masked(0x88, new byte[] {0x03})));
        for (int i = 0; i < 12; i++) {
            byte[] noise = new byte[1 + random.nextInt(4_096)];
            random.nextBytes(noise);
            garbage.add(noise);
        }
        for (byte[] bytes : garbage) {
            frames++;
            Integer closeCode = rawFrames(workflow, bytes);
            if (closeCode != null && closeCode == 1011) {
                violations.add(
                        "a raw frame closed the WebSocket as a server error (1011)",
                        "WebSocket raw frames",
                        hex(bytes));
            }
        }
    }

    /** Opens a socket by hand, sends these bytes, and returns the close code the server sent, if any. */
    private Integer rawFrames(String workflow, byte[] bytes) {
        String key = Base64.getEncoder()
                .encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws/workflow/" + workflow + "/?token=" + fixtures.stormToken
                            + " HTTP/1.1\r\n"
                            + "Host: " + base.getHost() + ":" + base.getPort()
                            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = head(in);
            if (!head.startsWith("HTTP/1.1 101")) {
                violations.add("the raw handshake was refused", "WebSocket raw frames", Violations.excerpt(head));
                return null;
            }
            out.write(bytes);
            out.flush();
            return closeCode(in);
        } catch (IOException ended) {
            return null;
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    /** Reads the server's frames (state_sync first) until a close frame or silence; its code, if any. */
    private static Integer closeCode(InputStream in) throws IOException {
        for (int frame = 0; frame < 20; frame++) {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) {
                return null;
            }
            long length = second & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] payload = in.readNBytes((int) Math.min(length, 1 << 20));
            if ((first & 0x0F) == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            }
        }
        return null;
    }

    private static byte[] masked(int opcodeByte, byte[] payload) {
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) opcodeByte;
        frame[1] = (byte) (0x80 | payload.length);
        byte[] mask = {1, 2, 3, 4};
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 16); i++) {
            hex.append(String.format("%02x", bytes[i]));
        }
        return hex + (bytes.length > 16 ? "…(" + bytes.length + " bytes)" : "");
    }

    private URI uri(String pathAndQuery) {
        return URI.create(base.toString().replaceFirst("^http", "ws") + pathAndQuery);
    }

    private static String pathAndQuery(String path) {
        return path.replaceAll("token=[^&]{20,}", "token=<long>");
    }

    /** Collects what the server sends and how it closes; checks each message. */
    private final class Listener implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final Queue<String> received = new ConcurrentLinkedQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            violations.add("the server sent a binary frame", "WebSocket messages", data.remaining() + " bytes");
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            if (statusCode == 1011 || (statusCode >= 1012 && statusCode < 4000)) {
                violations.add(
                        "the server closed a WebSocket with " + statusCode,
                        "WebSocket messages",
                        Violations.excerpt(reason));
            }
            if (AnswerRules.leak(reason) != null) {
                violations.add("server insides in a close reason", "WebSocket messages", Violations.excerpt(reason));
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        int pongs() {
            return (int)
                    received.stream().filter(text -> text.contains("\"pong\"")).count();
        }

        Integer closeCode(Duration wait) {
            try {
                return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception notClosed) {
                return null;
            }
        }

        /** Every message: JSON with a type; an error with error and code, never INTERNAL_ERROR; no insides. */
        void check(String where) {
            for (String text; (text = received.poll()) != null; ) {
                JsonValue json = new Api.Response(0, null, text).json();
                if (!(json instanceof JsonObject message) || !(message.get("type") instanceof JsonString type)) {
                    violations.add("a WebSocket message that is not JSON with a type", where, Violations.excerpt(text));
                    continue;
                }
                if (AnswerRules.leak(text) != null) {
                    violations.add(
                            "server insides in a WebSocket message ("
                                    + AnswerRules.leak(text).strip() + ")",
                            where,
                            Violations.excerpt(text));
                }
                if (type.getString().equals("error")) {
                    if (!(message.get("error") instanceof JsonString)
                            || !(message.get("code") instanceof JsonString code)) {
                        violations.add("a WebSocket error without {error, code}", where, Violations.excerpt(text));
                    } else if (code.getString().equals("INTERNAL_ERROR")) {
                        violations.add("a WebSocket INTERNAL_ERROR", where, Violations.excerpt(text));
                    }
                }
            }
        }
    }
}
