package io.orchestrator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real socket that answers byte for byte what each test writes. */
class PlainEventStreamsTest {

    /** One connection's peer: reads the request, then answers as the test says. */
    private interface Answer {
        void write(OutputStream out, InputStream in) throws Exception;
    }

    private final PlainEventStreams streams = PlainEventStreams.outsideContainer();
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> requestSeen = new CompletableFuture<>();
    private final CompletableFuture<Boolean> closedByClient = new CompletableFuture<>();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        streams.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theRequestGoesAsHttp11AndEveryEventComesBack() throws Exception {
        int port = serve((out, in) -> {
            out.write(
                    ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"));
            for (String event : new String[] {"data: one\n\n", "event: done\ndata: two\n\n"}) {
                out.write(ascii(Integer.toHexString(event.length()) + "\r\n" + event + "\r\n"));
                out.flush();
                Thread.sleep(30); // across the reader's intervals
            }
            out.write(ascii("0\r\n\r\n"));
        });

        PlainEventStreams.Outcome outcome = streams.stream(
                request(port, "/v1/chat/completions?x=1", Duration.ofSeconds(10)),
                ascii("{\"a\":1}"),
                events::add,
                1 << 20);

        assertEquals(new PlainEventStreams.Outcome(200, null), outcome);
        assertEquals(List.of(new SseEvent("message", "one"), new SseEvent("done", "two")), events);
        String sent = requestSeen.get(5, TimeUnit.SECONDS);
        assertTrue(sent.startsWith("POST /v1/chat/completions?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"), sent);
        assertTrue(sent.contains("\r\nAuthorization: Bearer k\r\n"), sent);
        assertTrue(sent.contains("\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{\"a\":1}"), sent);
    }

    @Test
    void aLongStreamReadOncePerTickLosesNothingAndKeepsTheOrder() throws Exception {
        int count = 30;
        int port = serve((out, in) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"));
            for (int i = 0; i < count; i++) {
                out.write(ascii("data: " + i + "\n\n"));
                out.flush();
                Thread.sleep(15); // 450 ms in all: most of it past the prompt time
            }
        });

        streams.stream(request(port, "/", Duration.ofSeconds(10)), new byte[0], events::add, 1 << 20);

        assertEquals(
                java.util.stream.IntStream.range(0, count)
                        .mapToObj(i -> new SseEvent("message", String.valueOf(i)))
                        .toList(),
                events);
    }

    @Test
    void anErrorAnswerGivesItsStatusAndBody() throws Exception {
        int port = serve((out, in) -> out.write(
                ascii("HTTP/1.1 401 Unauthorized\r\nContent-Length: 25\r\n\r\n{\"error\":\"wrong api key\"}")));

        PlainEventStreams.Outcome outcome =
                streams.stream(request(port, "/", Duration.ofSeconds(10)), new byte[0], events::add, 1 << 20);

        assertEquals(new PlainEventStreams.Outcome(401, "{\"error\":\"wrong api key\"}"), outcome);
        assertEquals(List.of(), events);
    }

    @Test
    void anAnswerWhoseHeadDoesNotComeInTimeTimesOutAndIsClosed() throws Exception {
        int port = serve((out, in) -> {
            // says nothing; the client's close is an end of stream here
            closedByClient.complete(in.read() < 0);
        });

        long started = System.nanoTime();
        assertThrows(
                HttpTimeoutException.class,
                () -> streams.stream(request(port, "/", Duration.ofMillis(300)), new byte[0], events::add, 1 << 20));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis >= 300 && tookMillis < 3000, tookMillis + " ms");
        assertTrue(closedByClient.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aCallerInterruptedStopsWaitingAndTheConnectionIsClosed() throws Exception {
        int port = serve((out, in) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: first\n\n"));
            out.flush();
            closedByClient.complete(in.read() < 0);
        });
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            while (events.isEmpty()) {
                Thread.onSpinWait();
            }
            caller.interrupt();
        });
        interrupter.start();

        assertThrows(
                InterruptedException.class,
                () -> streams.stream(request(port, "/", Duration.ofSeconds(10)), new byte[0], events::add, 1 << 20));
        assertTrue(closedByClient.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(new SseEvent("message", "first")), events);
    }

    @Test
    void aStreamPastItsLimitFailsAsTooLarge() throws Exception {
        int port = serve((out, in) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\n\r\n"));
            out.write(ascii(("data: " + "x".repeat(100) + "\n\n").repeat(50)));
        });

        assertThrows(
                SseLines.TooLarge.class,
                () -> streams.stream(request(port, "/", Duration.ofSeconds(10)), new byte[0], events::add, 1000));
    }

    @Test
    void theConsumersOwnFailureIsThrownAsItIs() throws Exception {
        int port = serve((out, in) -> out.write(ascii("HTTP/1.1 200 OK\r\n\r\ndata: {broken\n\n")));
        IllegalStateException refused = new IllegalStateException("not JSON");

        assertSame(
                refused,
                assertThrows(
                        IllegalStateException.class,
                        () -> streams.stream(
                                request(port, "/", Duration.ofSeconds(10)),
                                new byte[0],
                                event -> {
                                    throw refused;
                                },
                                1 << 20)));
    }

    @Test
    void aRefusedConnectionIsTheJdksConnectException() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertThrows(
                ConnectException.class,
                () -> streams.stream(request(port, "/", Duration.ofSeconds(10)), new byte[0], events::add, 1 << 20));
    }

    @Test
    void aClosedReaderRefusesNewStreams() throws Exception {
        int port = serve((out, in) -> out.write(ascii("HTTP/1.1 200 OK\r\n\r\n")));
        streams.close();
        IOException refused = assertThrows(
                IOException.class,
                () -> streams.stream(request(port, "/", Duration.ofSeconds(10)), new byte[0], events::add, 1 << 20));
        assertEquals("the server is stopping", refused.getMessage());
    }

    /** Serves one connection on a loopback port: reads the request's head and its body, then answers. */
    private int serve(Answer answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread peer = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                while (!seen.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    seen.write(in.read());
                }
                String head = seen.toString(StandardCharsets.ISO_8859_1);
                int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                seen.write(in.readNBytes(length));
                requestSeen.complete(seen.toString(StandardCharsets.ISO_8859_1));
                answer.write(socket.getOutputStream(), in);
            } catch (Exception ended) {
                requestSeen.completeExceptionally(ended);
                closedByClient.complete(true);
            }
        });
        peer.setDaemon(true);
        peer.start();
        return server.getLocalPort();
    }

    private static HttpRequest request(int port, String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout)
                .header("Authorization", "Bearer k")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
