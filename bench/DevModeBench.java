import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * What a response-cache hit costs an llm node, for bench/llm-bench.sh: development-mode executions
 * ({@code POST /api/workflow/{id}/execute_and_save_node/}) of a transform node, of an llm node
 * answered from the cache (the same input every time: {@code X-Cache: HIT}) and of the same llm
 * node asking the model (a new input every time: {@code X-Cache: MISS}), in turn, each timed from
 * request sent to answer read on one kept-alive connection. The hit's cost is its median minus the
 * transform's: the same request path, the same saving of the node's input and output, the node's
 * own work apart. Every answer is checked (200, and the X-Cache header the case expects).
 *
 * <pre>
 *   java bench/DevModeBench.java BASE_URL TOKEN WORKFLOW_ID LLM_NODE_ID TRANSFORM_NODE_ID [ITERATIONS] [WARMUP]
 * </pre>
 *
 * Prints {@code RESULT transform_p50_us=... hit_p50_us=... miss_p50_us=... hit_added_p50_us=...
 * miss_added_p50_us=...} and the p90s.
 */
public class DevModeBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        URI uri = URI.create(base + "/api/workflow/" + args[2] + "/execute_and_save_node/");
        String llm = args[3];
        String transform = args[4];
        int iterations = args.length > 5 ? Integer.parseInt(args[5]) : 2_000;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 500;
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] transformNanos = new long[iterations];
        long[] hitNanos = new long[iterations];
        long[] missNanos = new long[iterations];
        timed(client, uri, token, body(llm, "tea"), "MISS"); // fills the cache for the hits
        for (int i = -warmup; i < iterations; i++) {
            long transformed = timed(client, uri, token, body(transform, "tea"), null);
            long hit = timed(client, uri, token, body(llm, "tea"), "HIT");
            long miss = timed(client, uri, token, body(llm, "topic " + i + " " + System.nanoTime()), "MISS");
            if (i >= 0) {
                transformNanos[i] = transformed;
                hitNanos[i] = hit;
                missNanos[i] = miss;
            }
        }
        Arrays.sort(transformNanos);
        Arrays.sort(hitNanos);
        Arrays.sort(missNanos);
        long transformP50 = percentile(transformNanos, 50);
        System.out.printf(
                "RESULT iterations=%d transform_p50_us=%.0f hit_p50_us=%.0f miss_p50_us=%.0f hit_added_p50_us=%.0f miss_added_p50_us=%.0f transform_p90_us=%.0f hit_p90_us=%.0f miss_p90_us=%.0f%n",
                iterations,
                transformP50 / 1e3,
                percentile(hitNanos, 50) / 1e3,
                percentile(missNanos, 50) / 1e3,
                (percentile(hitNanos, 50) - transformP50) / 1e3,
                (percentile(missNanos, 50) - transformP50) / 1e3,
                percentile(transformNanos, 90) / 1e3,
                percentile(hitNanos, 90) / 1e3,
                percentile(missNanos, 90) / 1e3);
    }

    private static String body(String nodeId, String topic) {
        return "{\"node_id\":\"" + nodeId + "\",\"input_data\":{\"topic\":\"" + topic + "\"}}";
    }

    /** One execution, checked: 200 and, for the llm node, the cache outcome expected. */
    private static long timed(HttpClient client, URI uri, String token, String body, String cache) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        String outcome = response.headers().firstValue("X-Cache").orElse(null);
        if (cache != null && !cache.equals(outcome)) {
            throw new IllegalStateException("expected X-Cache " + cache + ", got " + outcome + ": " + response.body());
        }
        return took;
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
