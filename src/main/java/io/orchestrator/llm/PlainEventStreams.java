package io.orchestrator.llm;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Server-sent event streams of model servers over plain {@code http} (a model server on the
 * machine or the local network), all read by one thread. A model streams a token per event, each
 * in its own TCP packet: read as they arrive (the JDK's HTTP client wakes its selector and walks its
 * reactive layers for each), fifty streams at 100 tokens a second took 37-43 % of a core for the
 * reading alone. Here a stream that has gone on for {@value #PROMPT_MILLIS} ms is read once per
 * tick of {@value #TICK_MILLIS} ms, all such streams in the same wake-up, which reads several
 * packets at once: 7-9 % of a core for the same fifty (bench/stream-read-bench.sh). Its tokens wait at most
 * a tick before their 50 ms coalescing window, well inside the 100 ms a watcher may lag; a short
 * answer is read as it arrives, so that a call is not made longer.
 *
 * <p>The caller's thread connects, sends the request (written as the JDK's client would, from the
 * request {@link ModelHttp} built and checked) and waits; the events are handed on in the reading
 * thread, so a consumer must not block. The request's timeout covers the connection and the
 * answer's head, as in the JDK's client; a caller's interrupt closes the stream.
 */
@ApplicationScoped
public class PlainEventStreams {

    static final long TICK_MILLIS = 25;
    /** A stream younger than this is read as its bytes arrive. */
    static final long PROMPT_MILLIS = 200;
    /** An error answer's body is read up to this size, for its message. */
    static final int ERROR_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(PlainEventStreams.class.getName());

    /** How a stream ended: a 2xx status with every event handed on, or another status and the start of its body. */
    record Outcome(int status, String errorBody) {}

    /** The container's, for the reading thread. */
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory containerThreads;

    /** Outside a container (tests, benchmarks). */
    private ThreadFactory threads;

    private final Queue<PlainEventStream> arriving = new ConcurrentLinkedQueue<>();
    private Selector selector;
    /** Why no stream can be read any more (the server stops, or the reading thread failed); null while it runs. */
    private volatile String stopped;

    /** For CDI. */
    PlainEventStreams() {}

    /** Outside a container: the reading thread is a daemon, so that it never keeps a JVM alive. */
    static PlainEventStreams outsideContainer() {
        PlainEventStreams streams = new PlainEventStreams();
        streams.threads = task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        };
        return streams;
    }

    /** Whether this reads the request's answer: plain http (https goes through the JDK's client). */
    static boolean reads(HttpRequest request) {
        return "http".equalsIgnoreCase(request.uri().getScheme());
    }

    /**
     * Sends the request with this body and hands every event of a 2xx answer to {@code events},
     * returning once the stream has ended. A connection that fails or times out is an
     * {@link IOException} as the JDK's client reports it; the consumer's own exceptions, and
     * {@link SseLines.TooLarge} past {@code limitBytes}, are thrown as they are.
     */
    Outcome stream(HttpRequest request, byte[] body, Consumer<SseEvent> events, long limitBytes)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime()
                + request.timeout().orElse(Duration.ofMinutes(5)).toNanos();
        PlainEventStream stream = null;
        try {
            SocketChannel channel = connect(request.uri(), deadline);
            stream = new PlainEventStream(channel, events, limitBytes, deadline);
            write(channel, head(request, body.length), body);
            channel.configureBlocking(false);
            arriving.add(stream);
            selector().wakeup();
            String stoppedWhy = stopped;
            if (stoppedWhy != null) {
                // The reading thread stopped before it could take this stream: it would never end otherwise.
                stream.fail(new InterruptedIOException(stoppedWhy));
            }
            return stream.done().get();
        } catch (ClosedByInterruptException interrupted) {
            throw new InterruptedException("the stream was interrupted");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } finally {
            if (stream != null) {
                // After an interrupt: the reading thread forgets the stream, and nothing more is handed on.
                stream.fail(new InterruptedIOException("the caller stopped waiting"));
            }
        }
    }

    /** Stops the reading thread; streams still open fail. */
    @PreDestroy
    void close() {
        if (stopped == null) {
            stopped = "the server is stopping";
        }
        Selector open;
        synchronized (this) {
            open = selector;
        }
        if (open != null) {
            open.wakeup();
        }
    }

    private static SocketChannel connect(URI url, long deadline) throws IOException {
        int port = url.getPort() >= 0 ? url.getPort() : 80;
        // The URL names the address the guard checked (ModelHttp's pinned request): no name is looked up.
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(url.getHost()), port);
        long millis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, millis));
            return channel;
        } catch (SocketTimeoutException slow) {
            channel.close();
            throw new HttpConnectTimeoutException("the connection to " + address + " timed out");
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
    }

    /** The request's head as the JDK's client writes it, closing the connection after the answer. */
    private static byte[] head(HttpRequest request, int bodyLength) {
        URI url = request.uri();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        StringBuilder head = new StringBuilder(512)
                .append(request.method())
                .append(' ')
                .append(path)
                .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                .append(" HTTP/1.1\r\n");
        Map<String, List<String>> headers = request.headers().map();
        if (request.headers().firstValue("Host").isEmpty()) {
            head.append("Host: ").append(url.getRawAuthority()).append("\r\n");
        }
        // The headers passed the builder's checks (names, no line breaks in values).
        headers.forEach((name, values) -> values.forEach(
                value -> head.append(name).append(": ").append(value).append("\r\n")));
        head.append("Content-Length: ").append(bodyLength).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void write(SocketChannel channel, byte[] head, byte[] body) throws IOException {
        ByteBuffer[] request = {ByteBuffer.wrap(head), ByteBuffer.wrap(body)};
        while (request[0].hasRemaining() || request[1].hasRemaining()) {
            channel.write(request);
        }
    }

    private synchronized Selector selector() throws IOException {
        String stoppedWhy = stopped;
        if (stoppedWhy != null) {
            throw new IOException(stoppedWhy);
        }
        if (selector == null) {
            selector = Selector.open();
            Thread reader = (threads != null ? threads : containerThreads).newThread(this::readAll);
            reader.setName("model-streams");
            reader.start();
        }
        return selector;
    }

    /**
     * The reading thread: takes new streams, reads every stream that has bytes, fails those whose
     * head is late; a stream past its prompt time is left out of the selection until the next tick.
     */
    private void readAll() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        List<PlainEventStream> open = new ArrayList<>();
        List<PlainEventStream> paused = new ArrayList<>();
        long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        long nextTick = System.nanoTime() + tick;
        try {
            while (stopped == null) {
                for (PlainEventStream added; (added = arriving.poll()) != null; ) {
                    added.register(selector);
                    open.add(added);
                }
                selector.select(waitMillis(open, !paused.isEmpty(), nextTick));
                long now = System.nanoTime();
                for (SelectionKey ready : selector.selectedKeys()) {
                    PlainEventStream stream = (PlainEventStream) ready.attachment();
                    stream.readFrom(buffer);
                    if (!stream.done().isDone() && stream.pastPrompt(now) && stream.pause()) {
                        paused.add(stream);
                    }
                }
                selector.selectedKeys().clear();
                if (now - nextTick >= 0) {
                    paused.forEach(PlainEventStream::resume);
                    paused.clear();
                    nextTick = now + tick;
                }
                open.removeIf(stream -> stream.done().isDone() || stream.expired(now));
            }
        } catch (IOException | RuntimeException broken) {
            stopped = "the reader of model streams stopped (" + broken + "); restart the server";
            LOG.log(
                    Level.SEVERE,
                    "The reader of model streams stopped: streams over http fail until a restart",
                    broken);
        } finally {
            // Set before the queue is emptied: a caller that adds a stream after this sees it (stream()).
            if (stopped == null) {
                stopped = "the server is stopping";
            }
            IOException failure = new InterruptedIOException(stopped);
            open.forEach(stream -> stream.fail(failure));
            for (PlainEventStream added; (added = arriving.poll()) != null; ) {
                added.fail(failure);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing is left to read
            }
        }
    }

    /** How long a select may wait: until the next tick when streams are paused, or the nearest deadline of a head; 0 is no limit. */
    private static long waitMillis(List<PlainEventStream> open, boolean ticking, long nextTick) {
        long now = System.nanoTime();
        long wait = ticking ? nextTick - now : Long.MAX_VALUE;
        for (PlainEventStream stream : open) {
            if (!stream.headRead()) {
                wait = Math.min(wait, stream.deadline() - now);
            }
        }
        return wait == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1);
    }
}
