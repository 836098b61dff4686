import io.orchestrator.llm.ModelFailure;
import io.orchestrator.llm.ModelHttp;
import io.orchestrator.nodes.http.AddressGuard;
import io.orchestrator.nodes.http.OutboundHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What reading model streams costs, for bench/stream-read-bench.sh: STREAMS streams of a model
 * server that paces its tokens (FakeModelServer --tokens-per-second), read at once either by the
 * server's code (ModelHttp.stream, which reads plain http with its own reading thread) or by the
 * JDK's HTTP client with the lines split in its delivering thread (what ModelHttp did before, and
 * still does over https). Nothing else runs in this JVM: its CPU time over a window of the
 * streams' middle, per event, is the reading's cost.
 *
 * <pre>
 *   java -cp CLASSPATH bench/StreamReadBench.java MODEL_BASE_URL STREAMS server|jdk
 * </pre>
 *
 * Prints {@code RESULT reader=... streams=... events_per_s=... cpu_pct=... us_per_event=...}.
 */
public class StreamReadBench {

    private static final AtomicLong events = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int streams = Integer.parseInt(args[1]);
        String reader = args[2];
        JsonObject body = Json.createObjectBuilder()
                .add("model", "m1")
                .add("stream", true)
                .add(
                        "messages",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("role", "user")
                                        .add("content", "hi")))
                .build();
        ModelHttp server = new ModelHttp(new OutboundHttp(AddressGuard.allowing("127.0.0.1"), 1 << 20));
        HttpClient jdk =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < streams; i++) {
            if (reader.equals("server")) {
                Thread caller = new Thread(() -> {
                    try {
                        server.stream(
                                base + "/chat/completions",
                                Map.of(),
                                body,
                                Duration.ofMinutes(5),
                                event -> events.incrementAndGet());
                    } catch (ModelFailure failed) {
                        throw new IllegalStateException(failed);
                    }
                });
                caller.setDaemon(true);
                caller.start();
            } else {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build();
                jdk.sendAsync(request, answer -> new LineCounter());
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(3000); // every stream past its start and the JIT's first compilations
        long cpu0 = os.getProcessCpuTime(), events0 = events.get(), time0 = System.nanoTime();
        Thread.sleep(5000);
        long cpu = os.getProcessCpuTime() - cpu0, counted = events.get() - events0;
        double seconds = (System.nanoTime() - time0) / 1e9;
        System.out.printf(
                "RESULT reader=%s streams=%d events_per_s=%.0f cpu_pct=%.1f us_per_event=%.1f%n",
                reader, streams, counted / seconds, cpu / 1e7 / seconds, cpu / 1e3 / Math.max(1, counted));
        System.exit(0);
    }

    /** The JDK client's reading as ModelHttp did it: lines split in the delivering thread, data lines counted. */
    private static final class LineCounter implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> body = new CompletableFuture<>();
        private final StringBuilder line = new StringBuilder();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<Void> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                for (char c : StandardCharsets.UTF_8.decode(buffer).array()) {
                    if (c == '\n') {
                        if (line.toString().startsWith("data:")) {
                            events.incrementAndGet();
                        }
                        line.setLength(0);
                    } else if (c != 0) {
                        line.append(c);
                    }
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(null);
        }
    }
}
