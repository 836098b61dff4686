import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client of bench/canvas-bench.sh, run with the JDK's single-file launcher so that it needs
 * no build and no dependency: {@code java bench/CanvasBench.java --base URL --admin-token T --pid P}.
 *
 * <p>Against a server that is already up on an empty database it builds one large workflow (1,000
 * nodes, 1,500 edges, a DAG) through the API, then measures in several rounds, one client, one
 * request at a time: GET canvas_data, node add and position update. Every response's status and
 * body are checked; the first unexpected one ends the run with exit code 1, because a benchmark
 * that times error pages measures nothing. Server memory and CPU come from /proc of the server JVM.
 */
public class CanvasBench {

    /** Any unexpected answer or broken limit: the run is worthless and must fail loudly. */
    static final class BenchFailure extends RuntimeException {
        BenchFailure(String message) {
            super(message);
        }
    }

    /** Timings of one operation in one round, in milliseconds. */
    record Stats(double median, double p90, double p99, double max, int count, double serverCpuMs) {
        static Stats of(double[] ms, double serverCpuMs) {
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            return new Stats(
                    rank(sorted, 0.50),
                    rank(sorted, 0.90),
                    rank(sorted, 0.99),
                    sorted[sorted.length - 1],
                    sorted.length,
                    serverCpuMs);
        }

        /** Nearest-rank percentile: a value that was actually measured, never an interpolation. */
        private static double rank(double[] sorted, double q) {
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "median %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f ms  (n=%d)" + "  server CPU %.2f ms a call",
                    median,
                    p90,
                    p99,
                    max,
                    count,
                    serverCpuMs);
        }
    }

    record Round(Stats canvas, Stats add, Stats move, long canvasBytes) {}

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern X = Pattern.compile("\"x\":(-?[0-9.eE+-]+)");
    private static final Pattern Y = Pattern.compile("\"y\":(-?[0-9.eE+-]+)");
    private static final Pattern NODE_TYPE = Pattern.compile("\"node_type\":\"transform\"");

    // Sizes and counts: the defaults are the figures docs/PERFORMANCE.md reports; flags override them.
    private String base = "http://127.0.0.1:7990";
    private String adminToken;
    private long serverPid;
    private long startMs = -1;
    private int rounds = 5;
    /**
     * Rounds run first and not counted: the build alone leaves node add and position update only
     * half compiled by the JIT (their server CPU per call still halves over the next rounds), and
     * the targets are for a server in use, not one just started. The summary still shows them.
     */
    private int warmupRounds = 1;

    private int nodeCount = 1_000;
    private int edgeCount = 1_500;
    private int canvasWarmup = 20;
    private int canvasCalls = 200;
    private int addWarmup = 20;
    private int addCalls = 500;
    private int moveWarmup = 50;
    private int moveCalls = 1_000;
    /** The whole run, build included, must end within this; a hung server must not hang the bench. */
    private Duration budget = Duration.ofMinutes(20);
    /** When set, a JFR recording of the server during the rounds is written here, to see where time goes. */
    private Path jfr;

    private final HttpClient http = HttpClient.newBuilder()
            // HTTP/1.1 as a browser on plain http uses it: no h2c upgrade dance on the first request.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Random random = new Random(42);
    private String token;
    private long deadlineNanos;
    private long requests;
    private ServerProcess server;

    public static void main(String[] args) {
        CanvasBench bench = new CanvasBench();
        try {
            bench.parse(args);
            bench.run();
        } catch (BenchFailure | IOException failure) {
            System.err.println("BENCH FAILED: " + failure.getMessage());
            System.exit(1);
        } catch (InterruptedException interrupted) {
            System.err.println("BENCH INTERRUPTED");
            System.exit(1);
        }
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new BenchFailure("flag " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--base" -> base = value.replaceAll("/+$", "");
                case "--admin-token" -> adminToken = value;
                case "--pid" -> serverPid = Long.parseLong(value);
                case "--start-ms" -> startMs = Long.parseLong(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(value);
                case "--nodes" -> nodeCount = Integer.parseInt(value);
                case "--edges" -> edgeCount = Integer.parseInt(value);
                case "--canvas-calls" -> canvasCalls = Integer.parseInt(value);
                case "--add-calls" -> addCalls = Integer.parseInt(value);
                case "--move-calls" -> moveCalls = Integer.parseInt(value);
                case "--budget-minutes" -> budget = Duration.ofMinutes(Long.parseLong(value));
                case "--jfr" -> jfr = Path.of(value).toAbsolutePath();
                default -> throw new BenchFailure("unknown flag " + flag);
            }
        }
        if (adminToken == null || serverPid <= 0) {
            throw new BenchFailure("usage: java bench/CanvasBench.java --admin-token TOKEN --pid SERVER_PID"
                    + " [--base URL] [--start-ms MS] [--rounds N] [--warmup-rounds N] [--nodes N] [--edges N]"
                    + " [--canvas-calls N] [--add-calls N] [--move-calls N] [--budget-minutes N] [--jfr FILE]");
        }
        if (rounds < 1
                || warmupRounds < 0
                || nodeCount < 2
                || edgeCount < nodeCount - 1
                || edgeCount > 2 * nodeCount - 3) {
            throw new BenchFailure("need rounds >= 1, warm-up rounds >= 0, nodes >= 2 and nodes-1 <= edges <= 2*nodes-3"
                    + " (every node after the first gets one or two edges from earlier nodes)");
        }
    }

    private void run() throws IOException, InterruptedException {
        deadlineNanos = System.nanoTime() + budget.toNanos();
        server = ServerProcess.find(serverPid);
        // The client's own JVM start and compile ran meanwhile: let the server settle before "idle".
        Thread.sleep(2_000);
        ServerProcess.Sample idle = server.sample();
        progress(
                "server JVM pid %d: idle RSS %.0f MB, CPU %.1f s so far",
                server.pid(), idle.rssMb(), idle.cpuSeconds());

        token = createBenchToken();
        String workflowId = create("/api/workflow/", "{\"name\":\"bench canvas " + System.currentTimeMillis() + "\"}");
        long buildStart = System.nanoTime();
        List<String> nodes = buildGraph(workflowId);
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        ServerProcess.Sample built = server.sample();
        progress("graph built in %.1f s; RSS %.0f MB", buildSeconds, built.rssMb());

        ServerProcess.Sampler sampler = server.startSampler();
        List<Round> warmups = new ArrayList<>();
        for (int round = 1; round <= warmupRounds; round++) {
            warmups.add(
                    measureRound("warm-up round " + round + "/" + warmupRounds + " (not counted)", workflowId, nodes));
        }
        List<Round> results = new ArrayList<>();
        if (jfr != null) {
            server.jcmd("JFR.start", "name=bench", "settings=profile");
        }
        ServerProcess.Sample before = server.sample();
        Machine.Ticks machineBefore = Machine.ticks();
        for (int round = 1; round <= rounds; round++) {
            results.add(measureRound("round " + round + "/" + rounds, workflowId, nodes));
        }
        ServerProcess.Sample after = server.sample();
        Machine.Ticks machineAfter = Machine.ticks();
        if (jfr != null) {
            server.jcmd("JFR.stop", "name=bench", "filename=" + jfr);
            progress("JFR recording of the rounds: %s", jfr);
        }
        double peakUnderLoad = sampler.stop();
        Thread.sleep(2_000);
        ServerProcess.Sample settled = server.sample();

        Round median = new Round(
                median(results, Round::canvas), median(results, Round::add), median(results, Round::move), (long)
                        medianOf(
                                results.stream().mapToDouble(Round::canvasBytes).toArray()));
        double loadCpu = after.cpuSeconds() - before.cpuSeconds();
        System.out.println();
        System.out.println("== Summary (median of " + rounds + " rounds; " + requests + " requests in all) ==");
        System.out.printf(
                Locale.ROOT,
                "graph: %d nodes, %d edges, canvas_data %.0f KB; built in %.1f s (%.1f ms a request)%n",
                nodeCount,
                edgeCount,
                median.canvasBytes() / 1024.0,
                buildSeconds,
                buildSeconds * 1000 / (nodeCount + edgeCount));
        System.out.printf(
                Locale.ROOT,
                "server CPU: %.1f s to start, %.1f s to build, %.1f s for the rounds%n",
                idle.cpuSeconds(),
                built.cpuSeconds() - idle.cpuSeconds(),
                loadCpu);
        // Other programs on the machine slow the server down: say how busy it was, and with what.
        double seconds = machineAfter.seconds(machineBefore);
        System.out.printf(
                Locale.ROOT,
                "machine during the rounds: %d cores %.0f%% busy: server %.0f%%, bench client"
                        + " %.0f%%, everything else %.0f%% (of all cores)%n",
                Machine.CORES,
                machineAfter.busyPercent(machineBefore),
                loadCpu * 100 / (seconds * Machine.CORES),
                machineAfter.clientPercent(machineBefore),
                machineAfter.busyPercent(machineBefore)
                        - loadCpu * 100 / (seconds * Machine.CORES)
                        - machineAfter.clientPercent(machineBefore));
        for (Round warmup : warmups) {
            System.out.printf(
                    Locale.ROOT,
                    "warm-up round (not counted), medians: canvas_data %.2f ms, node add %.2f ms,"
                            + " position update %.2f ms%n",
                    warmup.canvas().median(),
                    warmup.add().median(),
                    warmup.move().median());
        }
        System.out.printf(
                Locale.ROOT,
                "RSS: idle %.0f MB, after build %.0f MB, peak under load %.0f MB,"
                        + " after load %.0f MB, high-water mark %.0f MB%n",
                idle.rssMb(),
                built.rssMb(),
                peakUnderLoad,
                settled.rssMb(),
                settled.hwmMb());
        System.out.println();
        System.out.println("| figure | measured | target | holds | server CPU a call |");
        System.out.println("|---|---|---|---|---|");
        if (startMs >= 0) {
            row("start (launch to first 200 from /api/health/)", startMs / 1000.0, "s", 10, "s");
        }
        row("GET canvas_data median (p90 / p99 / max)", median.canvas(), 50);
        row("node add median (p90 / p99 / max)", median.add(), 5);
        row("position update median (p90 / p99 / max)", median.move(), 5);
        row("RSS idle after start", idle.rssMb(), "MB", 300, "MB");
        row("RSS peak under load (sampled every 100 ms)", Math.max(peakUnderLoad, after.rssMb()), "MB", 300, "MB");
        row("RSS after load", settled.rssMb(), "MB", 300, "MB");
    }

    // ---- the graph ------------------------------------------------------------------------------

    /**
     * Nodes first, then edges: every node after the first gets an edge from a random earlier node,
     * and nodes 2, 3, ... a second one from another earlier node until there are enough edges.
     * Edges only point from a lower to a higher index, so the graph is a DAG and every edge is accepted.
     */
    private List<String> buildGraph(String workflowId) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < nodeCount; i++) {
            checkDeadline("building nodes");
            ids.add(addNode(workflowId, (i % 40) * 220, (i / 40) * 140));
            if ((i + 1) % 250 == 0) {
                progress("  %d/%d nodes (%.1f s)", i + 1, nodeCount, (System.nanoTime() - start) / 1e9);
            }
        }
        int secondEdges = edgeCount - (nodeCount - 1);
        int made = 0;
        int reported = 0;
        start = System.nanoTime();
        for (int i = 1; i < nodeCount; i++) {
            checkDeadline("building edges");
            int first = random.nextInt(i);
            made += addEdge(workflowId, ids.get(first), ids.get(i));
            if (i >= 2 && i - 1 <= secondEdges) {
                int second = random.nextInt(i - 1);
                made += addEdge(workflowId, ids.get(second >= first ? second + 1 : second), ids.get(i));
            }
            if (made >= reported + 250) {
                reported = made;
                progress("  %d/%d edges (%.1f s)", made, edgeCount, (System.nanoTime() - start) / 1e9);
            }
        }
        if (made != edgeCount) {
            throw new BenchFailure("made " + made + " edges instead of " + edgeCount);
        }
        checkCanvas(get("/api/workflow/" + workflowId + "/canvas_data/"), workflowId);
        return ids;
    }

    private String addNode(String workflowId, double x, double y) throws IOException, InterruptedException {
        String body = call(
                "POST",
                "/api/workflow/" + workflowId + "/nodes/add/",
                "{\"nodeTemplate\":\"transform\",\"position\":{\"x\":" + x + ",\"y\":" + y + "}}",
                201);
        if (!NODE_TYPE.matcher(body).find()) {
            throw new BenchFailure("node add answered without node_type transform: " + excerpt(body));
        }
        return firstId(body);
    }

    private int addEdge(String workflowId, String source, String target) throws IOException, InterruptedException {
        String body = call(
                "POST",
                "/api/workflow/" + workflowId + "/edges/add/",
                "{\"source\":\"" + source + "\",\"target\":\"" + target + "\"}",
                201);
        if (!body.contains("\"source\":\"" + source + "\"") || !body.contains("\"target\":\"" + target + "\"")) {
            throw new BenchFailure("edge add answered another edge: " + excerpt(body));
        }
        return 1;
    }

    // ---- one round ------------------------------------------------------------------------------

    /** One request of a measured loop; returns how long it took in milliseconds. */
    private interface TimedCall {
        double run() throws IOException, InterruptedException;
    }

    /**
     * Canvas reads, then node adds into the big workflow, then position updates. The nodes added
     * are removed at the end (untimed), so that every round reads and writes the same graph size.
     */
    private Round measureRound(String title, String workflowId, List<String> nodes)
            throws IOException, InterruptedException {
        progress("%s", title);
        String canvasPath = "/api/workflow/" + workflowId + "/canvas_data/";
        long[] bytes = {0};
        Stats canvas = measure("canvas_data", canvasWarmup, canvasCalls, () -> {
            long t = System.nanoTime();
            String body = get(canvasPath);
            double ms = (System.nanoTime() - t) / 1e6;
            checkCanvas(body, workflowId);
            bytes[0] = body.length();
            return ms;
        });

        List<String> added = new ArrayList<>();
        Stats add = measure("node add", addWarmup, addCalls, () -> {
            double x = 9_000 + random.nextInt(2_000);
            double y = 9_000 + random.nextInt(2_000);
            long t = System.nanoTime();
            String id = addNode(workflowId, x, y);
            double ms = (System.nanoTime() - t) / 1e6;
            added.add(id);
            return ms;
        });

        Stats move = measure("position update", moveWarmup, moveCalls, () -> {
            String nodeId = nodes.get(random.nextInt(nodes.size()));
            int x = random.nextInt(10_000);
            int y = random.nextInt(10_000);
            long t = System.nanoTime();
            String body = call(
                    "PATCH",
                    "/api/workflow/" + workflowId + "/nodes/" + nodeId + "/position/",
                    "{\"position\":{\"x\":" + x + ",\"y\":" + y + "}}",
                    200);
            double ms = (System.nanoTime() - t) / 1e6;
            if (!nodeId.equals(firstId(body)) || number(X, body) != x || number(Y, body) != y) {
                throw new BenchFailure("position update answered another node or place: " + excerpt(body));
            }
            return ms;
        });

        for (String id : added) {
            checkDeadline("removing the round's nodes");
            String body = call("DELETE", "/api/workflow/" + workflowId + "/nodes/" + id + "/remove/", null, 200);
            if (!body.contains("\"id\":\"" + id + "\"")) {
                throw new BenchFailure("node remove answered another node: " + excerpt(body));
            }
        }
        progress(
                "  removed the %d nodes this round added; RSS %.0f MB",
                added.size(), server.sample().rssMb());
        return new Round(canvas, add, move, bytes[0]);
    }

    /** Warm-up calls (not counted), then the measured ones, with the server's CPU time spent on them. */
    private Stats measure(String name, int warmup, int calls, TimedCall call) throws IOException, InterruptedException {
        for (int i = 0; i < warmup; i++) {
            checkDeadline(name);
            call.run();
        }
        double[] ms = new double[calls];
        double cpuBefore = server.sample().cpuSeconds();
        for (int i = 0; i < calls; i++) {
            checkDeadline(name);
            ms[i] = call.run();
        }
        double cpuMs = (server.sample().cpuSeconds() - cpuBefore) * 1000 / calls;
        Stats stats = Stats.of(ms, cpuMs);
        progress("  %-16s %s", name, stats.line());
        return stats;
    }

    /** The canvas must be this workflow's whole graph: a short or empty answer would be fast and wrong. */
    private void checkCanvas(String body, String workflowId) {
        if (!workflowId.equals(firstId(body))) {
            throw new BenchFailure("canvas_data of another workflow: " + excerpt(body));
        }
        int nodes = count(body, "\"node_type\":");
        int edges = count(body, "\"source_handle\":");
        if (nodes != nodeCount || edges != edgeCount) {
            throw new BenchFailure("canvas_data has " + nodes + " nodes and " + edges + " edges, expected " + nodeCount
                    + " and " + edgeCount);
        }
    }

    // ---- HTTP -----------------------------------------------------------------------------------

    private String createBenchToken() throws IOException, InterruptedException {
        // The admin token has the default limit (6,000 a minute): the bench sends more than that.
        String body = call(
                "POST",
                "/api/tokens/",
                "{\"name\":\"bench " + System.currentTimeMillis() + "\",\"role\":\"admin\",\"rate_limit\":1000000}",
                201,
                adminToken);
        Matcher secret = TOKEN.matcher(body);
        if (!secret.find()) {
            throw new BenchFailure("token creation answered no token: " + excerpt(body));
        }
        return secret.group(1);
    }

    private String create(String path, String json) throws IOException, InterruptedException {
        return firstId(call("POST", path, json, 201));
    }

    private String get(String path) throws IOException, InterruptedException {
        return call("GET", path, null, 200);
    }

    private String call(String method, String path, String json, int expected)
            throws IOException, InterruptedException {
        return call(method, path, json, expected, token);
    }

    private String call(String method, String path, String json, int expected, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        requests++;
        if (response.statusCode() != expected) {
            throw new BenchFailure(method + " " + path + " answered " + response.statusCode() + " (expected " + expected
                    + "): " + excerpt(response.body()));
        }
        return response.body();
    }

    // ---- small helpers --------------------------------------------------------------------------

    private void checkDeadline(String phase) {
        if (System.nanoTime() > deadlineNanos) {
            throw new BenchFailure("time budget of " + budget.toMinutes() + " minutes used up during " + phase);
        }
    }

    private static String firstId(String body) {
        Matcher id = ID.matcher(body);
        if (!id.find()) {
            throw new BenchFailure("answer without an id: " + excerpt(body));
        }
        return id.group(1);
    }

    private static double number(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new BenchFailure("answer without " + pattern + ": " + excerpt(body));
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }

    private static String excerpt(String body) {
        return body == null ? "(no body)" : body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    private static Stats median(List<Round> rounds, java.util.function.Function<Round, Stats> pick) {
        List<Stats> all = rounds.stream().map(pick).toList();
        ToDoubleFunction<ToDoubleFunction<Stats>> med =
                field -> medianOf(all.stream().mapToDouble(field).toArray());
        return new Stats(
                med.applyAsDouble(Stats::median),
                med.applyAsDouble(Stats::p90),
                med.applyAsDouble(Stats::p99),
                med.applyAsDouble(Stats::max),
                all.get(0).count(),
                med.applyAsDouble(Stats::serverCpuMs));
    }

    private static double medianOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void row(String figure, Stats stats, double targetMs) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %.2f ms (%.2f / %.2f / %.2f) | < %.0f ms | %s | %.2f ms |%n",
                figure,
                stats.median(),
                stats.p90(),
                stats.p99(),
                stats.max(),
                targetMs,
                stats.median() < targetMs ? "yes" : "NO",
                stats.serverCpuMs());
    }

    private static void row(String figure, double value, String unit, double target, String targetUnit) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %.1f %s | < %.0f %s | %s | |%n",
                figure,
                value,
                unit,
                target,
                targetUnit,
                value < target ? "yes" : "NO");
    }

    private static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    /** How busy the whole machine is, from /proc/stat, to tell a slow server from a crowded machine. */
    static final class Machine {

        static final int CORES = Runtime.getRuntime().availableProcessors();

        record Ticks(long busy, long total, long wallNanos, long clientCpuNanos) {
            double seconds(Ticks before) {
                return (wallNanos - before.wallNanos) / 1e9;
            }

            double busyPercent(Ticks before) {
                return 100.0 * (busy - before.busy) / Math.max(1, total - before.total);
            }

            double clientPercent(Ticks before) {
                return 100.0
                        * (clientCpuNanos - before.clientCpuNanos)
                        / Math.max(1, (wallNanos - before.wallNanos) * CORES);
            }
        }

        /** The first line of /proc/stat: user nice system idle iowait irq softirq steal ...; idle and iowait are not busy. */
        static Ticks ticks() throws IOException {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long client = ProcessHandle.current()
                    .info()
                    .totalCpuDuration()
                    .map(Duration::toNanos)
                    .orElse(0L);
            return new Ticks(total - idle, total, System.nanoTime(), client);
        }
    }

    /** The server's JVM as /proc shows it: resident memory and CPU time, nothing the server reports itself. */
    static final class ServerProcess {

        record Sample(double rssMb, double hwmMb, double cpuSeconds) {}

        /** Samples RSS in the background while the rounds run, keeping the highest value seen. */
        static final class Sampler {
            private final Thread thread;
            private volatile boolean running = true;
            private volatile double peakMb;

            Sampler(ServerProcess server) {
                thread = new Thread(
                        () -> {
                            while (running) {
                                try {
                                    peakMb = Math.max(peakMb, server.sample().rssMb());
                                    Thread.sleep(100);
                                } catch (IOException | InterruptedException | BenchFailure gone) {
                                    return;
                                }
                            }
                        },
                        "rss-sampler");
                thread.setDaemon(true);
                thread.start();
            }

            double stop() throws InterruptedException {
                running = false;
                thread.join(1_000);
                return peakMb;
            }
        }

        private final long pid;
        private final long ticksPerSecond;

        private ServerProcess(long pid, long ticksPerSecond) {
            this.pid = pid;
            this.ticksPerSecond = ticksPerSecond;
        }

        /**
         * The JVM is the given process when the server script exec'd java (Liberty's {@code server run}
         * does), or else its java descendant.
         */
        static ServerProcess find(long scriptPid) throws IOException {
            ProcessHandle script = ProcessHandle.of(scriptPid)
                    .orElseThrow(() -> new BenchFailure("no process " + scriptPid + ": the server is not running"));
            ProcessHandle jvm = isJava(script)
                    ? script
                    : script.descendants()
                            .filter(ServerProcess::isJava)
                            .findFirst()
                            .orElseThrow(() -> new BenchFailure("no java process under pid " + scriptPid));
            return new ServerProcess(jvm.pid(), clockTicks());
        }

        private static boolean isJava(ProcessHandle process) {
            try {
                return Files.readString(Path.of("/proc", Long.toString(process.pid()), "comm"))
                        .trim()
                        .equals("java");
            } catch (IOException gone) {
                return false;
            }
        }

        /** utime and stime in /proc/PID/stat count clock ticks; USER_HZ is almost always 100. */
        private static long clockTicks() {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                        .redirectErrorStream(true)
                        .start();
                String out = new String(getconf.getInputStream().readAllBytes()).trim();
                return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
            } catch (IOException | InterruptedException | NumberFormatException unknown) {
                return 100;
            }
        }

        long pid() {
            return pid;
        }

        Sample sample() throws IOException {
            Path proc = Path.of("/proc", Long.toString(pid));
            if (!Files.exists(proc)) {
                throw new BenchFailure("the server JVM (pid " + pid + ") is gone");
            }
            Map<String, Double> status = new LinkedHashMap<>();
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    String[] parts = line.split("\\s+");
                    status.put(parts[0], Long.parseLong(parts[1]) / 1024.0);
                }
            }
            // The command name may hold spaces and parentheses: count fields after the last ')'.
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return new Sample(
                    status.getOrDefault("VmRSS:", 0.0),
                    status.getOrDefault("VmHWM:", 0.0),
                    ticks / (double) ticksPerSecond);
        }

        /** Runs a diagnostic command in the server JVM (same user, so jcmd attaches without setup). */
        void jcmd(String... command) throws IOException, InterruptedException {
            List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
            line.addAll(List.of(command));
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new BenchFailure(String.join(" ", line) + " failed: " + out.trim());
            }
        }

        Sampler startSampler() {
            return new Sampler(this);
        }
    }
}
