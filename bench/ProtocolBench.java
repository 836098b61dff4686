import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.llm.ChatMessage;
import io.orchestrator.llm.ModelEndpoint;
import io.orchestrator.llm.ModelFailure;
import io.orchestrator.llm.ModelHttp;
import io.orchestrator.llm.ModelProtocol;
import io.orchestrator.llm.ModelProtocols;
import io.orchestrator.llm.ModelRequest;
import io.orchestrator.nodes.http.AddressGuard;
import io.orchestrator.nodes.http.OutboundHttp;
import io.orchestrator.testing.FakeModelServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the LLM protocol code adds to a model call, for bench/llm-bench.sh: each protocol's
 * {@code generate} (the request built, sent through the address guard, the answer read and parsed
 * into text, usage and raw record) against bare JDK HttpClient exchanges of the very same requests
 * with the same server (every request one generation makes, body and headers as the server
 * received them; each answer read to its end and not parsed). The difference is the protocol code; the
 * bare exchange is the model server's own time, loopback HTTP included. The two alternate call by
 * call, after a warm-up, so that both see the same machine.
 *
 * <pre>
 *   java -cp target/classes:target/test-classes:PARSSON_JAR bench/ProtocolBench.java [ITERATIONS] [WARMUP]
 * </pre>
 *
 * Prints one line per case: {@code case=... bare_p50_us protocol_p50_us added_p50_us bare_p90_us protocol_p90_us}.
 */
public class ProtocolBench {

    private record Case(String name, ConnectionKind kind, String base, boolean stream) {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        try (FakeModelServer server = FakeModelServer.start()) {
            ModelProtocols protocols =
                    new ModelProtocols(new ModelHttp(new OutboundHttp(AddressGuard.allowing("127.0.0.1"), 1 << 20)));
            HttpClient bare = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            List<Case> cases = List.of(
                    new Case("openai-json", ConnectionKind.OPENAI, server.openAiBase(), false),
                    new Case("openai-stream", ConnectionKind.OPENAI, server.openAiBase(), true),
                    new Case("anthropic-json", ConnectionKind.ANTHROPIC, server.root(), false),
                    new Case("kobold-json", ConnectionKind.KOBOLD, server.root(), false));
            System.out.printf(
                    "machine: %d cores; %d calls of each kind after %d of warm-up%n",
                    Runtime.getRuntime().availableProcessors(), iterations, warmup);
            for (Case c : cases) {
                ModelProtocol protocol = protocols.of(c.kind()).orElseThrow();
                ModelEndpoint endpoint = new ModelEndpoint("bench", c.base(), "sk-bench", Map.of());
                ModelRequest request = new ModelRequest(
                        "fake-small",
                        List.of(ChatMessage.system("Be brief."), ChatMessage.user("Write three angles on tea")),
                        0.7,
                        64,
                        List.of(),
                        c.stream(),
                        Duration.ofSeconds(10));
                server.clearRequests();
                protocol.generate(endpoint, request, piece -> {});
                // Every request one generation makes (KoboldCpp's counts tokens in two more).
                List<HttpRequest> same = server.requests().stream()
                        .map(received -> copyOf(received, server.root()))
                        .toList();
                long[] bareNanos = new long[iterations];
                long[] protocolNanos = new long[iterations];
                for (int i = -warmup; i < iterations; i++) {
                    if ((i & 1023) == 0) {
                        server.clearRequests(); // its log of requests would grow without end
                    }
                    long start = System.nanoTime();
                    for (HttpRequest one : same) {
                        try (InputStream body = bare.send(one, HttpResponse.BodyHandlers.ofInputStream())
                                .body()) {
                            body.readAllBytes();
                        }
                    }
                    long between = System.nanoTime();
                    call(protocol, endpoint, request);
                    long end = System.nanoTime();
                    if (i >= 0) {
                        bareNanos[i] = between - start;
                        protocolNanos[i] = end - between;
                    }
                }
                Arrays.sort(bareNanos);
                Arrays.sort(protocolNanos);
                long bareP50 = percentile(bareNanos, 50);
                long protocolP50 = percentile(protocolNanos, 50);
                System.out.printf(
                        "RESULT case=%s requests=%d bare_p50_us=%.1f protocol_p50_us=%.1f added_p50_us=%.1f bare_p90_us=%.1f protocol_p90_us=%.1f%n",
                        c.name(),
                        same.size(),
                        bareP50 / 1e3,
                        protocolP50 / 1e3,
                        (protocolP50 - bareP50) / 1e3,
                        percentile(bareNanos, 90) / 1e3,
                        percentile(protocolNanos, 90) / 1e3);
            }
        }
    }

    private static void call(ModelProtocol protocol, ModelEndpoint endpoint, ModelRequest request) throws ModelFailure {
        if (protocol.generate(endpoint, request, piece -> {}).text().isEmpty()) {
            throw new IllegalStateException("an empty answer");
        }
    }

    /** The request as the server received it: same method, path, headers and body. */
    private static HttpRequest copyOf(FakeModelServer.Received received, String root) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(root + received.path()))
                .method(
                        received.method(),
                        HttpRequest.BodyPublishers.ofString(received.body(), StandardCharsets.UTF_8));
        received.headers().forEach((name, value) -> {
            if (!List.of("host", "content-length", "connection", "upgrade").contains(name)) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
