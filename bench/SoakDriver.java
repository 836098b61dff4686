import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's load (bench/soak-bench.sh): for a given time, at constant rates, mixed traffic against
 * one server, and every answer classified and timed.
 *
 * <ul>
 *   <li>webhooks W1, W2, W3 (bench/engine-workflows.py), each at a third of the webhook rate, every
 *       answer checked against the expected body;
 *   <li>API edits on the "soak edits" workflow and on W1-W3 (rename, description, a node's form values
 *       and position) and temporary workflows created, given a node and deleted; API reads (the edited
 *       canvas, a page of W1's runs);
 *   <li>development-mode executions of the edited workflow's transform, in sessions of 50 calls;
 *   <li>WebSocket clients joining and leaving: a few slots, each opening a socket to one of the
 *       workflows, waiting for its state_sync, pinging, reading what comes for 5-20 s, closing;
 *   <li>hostile requests, each expected to be refused with a 4xx: malformed JSON, unknown ids and
 *       paths, a body past the size limit, JSON past the depth limit, an overlong name, a number past
 *       the limits, no token; and a wrong token a few times a minute (the server bars an address
 *       after 20 a minute, which would refuse the other kinds too).
 * </ul>
 *
 * Open loop: each kind is started on a schedule (request i at start + i / rate) and handed to a
 * pool of blocking senders, and its latency counts from the scheduled time, so a server that stalls
 * shows in the latency instead of slowing the load down. Every 10 s it writes one row per kind
 * (counts by status class, p50, p99, max) and one row of the server's RSS, threads, CPU and the
 * machine's load, and once a minute the heap (jcmd GC.heap_info). At the end: a summary.
 *
 * <pre>
 *   java bench/SoakDriver.java base=URL token=T workflows=FILE pid=PID seconds=N warmup=N \
 *       webhook_rate=R api_rate=4 devmode_rate=4 hostile_rate=5 sockets=4 out=PREFIX
 * </pre>
 *
 * FILE holds bench/engine-workflows.py's output with {@code edits}. Writes PREFIX-windows.csv,
 * PREFIX-server.csv and prints the summary, ending with lines the shell parses:
 * {@code ANSWERED <workflow id> <name> <2xx answers> <requests> <runs failed on purpose>} per webhook workflow and {@code RESULT fivexx=N bad=N errors=N ...}.
 */
public class SoakDriver {

    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One line of bench/engine-workflows.py: a webhook workflow and the answer its runs give. */
    record Hook(String name, String workflowId, String path, String body, String expected) {}

    /** Counts and latencies of one kind of request; the latencies of the current 10 s window. */
    static final class Kind {
        final String name;
        long[] window = new long[1024];
        int size;
        final long[] classes = new long[6]; // index: status / 100, 0 for no answer (transport error)
        long bad;
        final long[] windowClasses = new long[6];
        long windowBad;
        /** Every closed window's sorted latencies, for the 5-minute figures. */
        final List<long[]> closed = new ArrayList<>();

        final List<Long> closedAt = new ArrayList<>();
        String firstBad = "";

        Kind(String name) {
            this.name = name;
        }

        /** One answer (status 0: none) and its latency; a negative latency is a failure with nothing to time. */
        synchronized void record(long nanos, int status, boolean expected, String what) {
            if (size == window.length) {
                window = Arrays.copyOf(window, size * 2);
            }
            if (nanos >= 0) {
                window[size++] = nanos;
            }
            classes[status / 100]++;
            windowClasses[status / 100]++;
            if (!expected) {
                bad++;
                windowBad++;
                if (firstBad.isEmpty()) {
                    firstBad = status + ":" + what.substring(0, Math.min(200, what.length()));
                }
            }
        }

        /** Closes the window: its row, and its latencies kept for the summary. */
        synchronized String close(long elapsedSeconds) {
            long[] sorted = Arrays.copyOf(window, size);
            Arrays.sort(sorted);
            closed.add(sorted);
            closedAt.add(elapsedSeconds);
            String row = String.format(
                    Locale.ROOT,
                    "%d,%s,%d,%d,%d,%d,%d,%d,%.2f,%.2f,%.2f",
                    elapsedSeconds,
                    name,
                    size,
                    windowClasses[2],
                    windowClasses[4],
                    windowClasses[5],
                    windowClasses[0],
                    windowBad,
                    millis(percentile(sorted, 50)),
                    millis(percentile(sorted, 99)),
                    millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
            size = 0;
            Arrays.fill(windowClasses, 0);
            windowBad = 0;
            return row;
        }

        /** The latencies of the closed windows that ended in (from, to] seconds, sorted. */
        synchronized long[] between(long fromSeconds, long toSeconds) {
            List<long[]> parts = new ArrayList<>();
            for (int i = 0; i < closed.size(); i++) {
                if (closedAt.get(i) > fromSeconds && closedAt.get(i) <= toSeconds) {
                    parts.add(closed.get(i));
                }
            }
            long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            return all;
        }

        synchronized long total() {
            return Arrays.stream(classes).sum();
        }
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** One call: where it goes, what answer is the expected one. */
    record Call(Kind kind, HttpRequest request, BiPredicate<Integer, String> expected) {}

    final Map<String, String> settings;
    final String base;
    final String token;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    final ExecutorService senders;
    final Map<String, Kind> kinds = new LinkedHashMap<>();
    final List<Hook> hooks = new ArrayList<>();
    String editWorkflow;
    String editNode;
    final long started = System.nanoTime();
    long rampNanos;
    volatile boolean stopping;
    final AtomicLong sequence = new AtomicLong();

    SoakDriver(Map<String, String> settings) throws IOException {
        this.settings = settings;
        base = settings.get("base");
        token = settings.get("token");
        senders = Executors.newFixedThreadPool(Integer.parseInt(settings.getOrDefault("senders", "128")));
        for (String line : Files.readAllLines(Path.of(settings.get("workflows")))) {
            String[] parts = line.trim().split(" +");
            if (parts[0].equals("EDIT")) {
                editWorkflow = parts[1];
                editNode = parts[2];
            } else if (parts.length == 6) {
                hooks.add(new Hook(parts[0], parts[1], parts[2], parts[4], parts[5]));
            }
        }
        if (hooks.size() != 3 || editWorkflow == null) {
            throw new IllegalArgumentException("expected W1-W3 and EDIT in " + settings.get("workflows"));
        }
        hooks.forEach(hook -> kind(hook.name()));
        for (String name : List.of("api_edit", "api_read", "devmode", "ws_join", "hostile")) {
            kind(name);
        }
    }

    Kind kind(String name) {
        return kinds.computeIfAbsent(name, Kind::new);
    }

    long elapsedSeconds() {
        return (System.nanoTime() - started) / 1_000_000_000L;
    }

    HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(base + "/api" + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    static HttpRequest.BodyPublisher json(String text) {
        return HttpRequest.BodyPublishers.ofString(text);
    }

    static BiPredicate<Integer, String> status(int wanted) {
        return (status, body) -> status == wanted;
    }

    static final BiPredicate<Integer, String> REFUSED =
            (status, body) -> status >= 400 && status < 500 && body.contains("\"code\"");

    /** Sends one call and records it against the time it was scheduled for; the answer's body, or null. */
    String send(Call call, long scheduledNanos) {
        try {
            HttpResponse<String> response = http.send(call.request(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - scheduledNanos;
            String body = response.body();
            boolean expected = call.expected().test(response.statusCode(), body);
            call.kind()
                    .record(
                            took,
                            response.statusCode(),
                            expected,
                            call.request().method() + " " + call.request().uri().getPath() + " -> " + body);
            return expected ? body : null;
        } catch (IOException | RuntimeException failed) {
            call.kind()
                    .record(
                            System.nanoTime() - scheduledNanos,
                            0,
                            false,
                            call.request().uri().getPath() + " -> " + failed);
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Starts {@code action} at {@code rate} a second until the end, each on a sender with the time it
     * was due. One pacing thread per kind; when it wakes late it catches up, so the rate holds. The
     * rate climbs from a tenth to all of it over the first {@code rampNanos}: a server just started
     * runs its request paths interpreted, and the full rate at once built a backlog of 20 s on it.
     */
    Thread paced(String name, double rate, long endNanos, java.util.function.LongConsumer action) {
        Thread pacer = new Thread(
                () -> {
                    long due = System.nanoTime();
                    while (due < endNanos && !stopping) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                            continue;
                        }
                        long scheduled = due;
                        senders.execute(() -> action.accept(scheduled));
                        double share = Math.min(1, 0.1 + 0.9 * (due - started) / Math.max(1, rampNanos));
                        due += (long) (1e9 / (rate * share));
                    }
                },
                "pacer-" + name);
        pacer.start();
        return pacer;
    }

    void webhook(Hook hook, long scheduled) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/hooks/" + hook.path()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(json(hook.body()))
                .build();
        send(
                new Call(kind(hook.name()), request, (status, body) -> status == 200 && body.equals(hook.expected())),
                scheduled);
    }

    /** API edits in turn; the last creates a workflow, adds a node to it and deletes it (three calls). */
    void edit(long scheduled) {
        long n = sequence.incrementAndGet();
        Kind edits = kind("api_edit");
        Hook live = hooks.get((int) (n % hooks.size()));
        switch ((int) (n % 5)) {
            case 0 ->
                send(
                        new Call(
                                edits,
                                api("/workflow/" + editWorkflow + "/")
                                        .method(
                                                "PATCH",
                                                json("{\"name\":\"soak edits " + n + "\",\"description\":\"edit " + n
                                                        + "\"}"))
                                        .build(),
                                status(200)),
                        scheduled);
            case 1 ->
                send(
                        new Call(
                                edits,
                                api("/workflow/" + editWorkflow + "/nodes/" + editNode + "/")
                                        .method(
                                                "PATCH",
                                                json(
                                                        "{\"form_values\":{\"fields\":{\"angle\":\"${input.topic}\",\"edit\":"
                                                                + n + "}}}"))
                                        .build(),
                                status(200)),
                        scheduled);
            case 2 ->
                send(
                        new Call(
                                edits,
                                api("/workflow/" + editWorkflow + "/nodes/" + editNode + "/position/")
                                        .method(
                                                "PATCH",
                                                json("{\"position\":{\"x\":" + (n % 800) + ",\"y\":" + (n % 600)
                                                        + "}}"))
                                        .build(),
                                status(200)),
                        scheduled);
            // A workflow running thousands of times a second, edited under the load (its description only,
            // so that its answers stay the same).
            case 3 ->
                send(
                        new Call(
                                edits,
                                api("/workflow/" + live.workflowId() + "/")
                                        .method("PATCH", json("{\"description\":\"soak edit " + n + "\"}"))
                                        .build(),
                                status(200)),
                        scheduled);
            default -> {
                String created = send(
                        new Call(
                                edits,
                                api("/workflow/")
                                        .POST(json("{\"name\":\"soak temporary " + n + "\"}"))
                                        .build(),
                                status(201)),
                        scheduled);
                Matcher id = ID.matcher(created == null ? "" : created);
                if (!id.find()) {
                    return;
                }
                send(
                        new Call(
                                edits,
                                api("/workflow/" + id.group(1) + "/nodes/add/")
                                        .POST(json("{\"nodeTemplate\":\"transform\",\"position\":{\"x\":0,\"y\":0},"
                                                + "\"form_values\":{\"fields\":{\"n\":" + n + "}}}"))
                                        .build(),
                                status(201)),
                        System.nanoTime());
                send(
                        new Call(
                                edits,
                                api("/workflow/" + id.group(1) + "/").DELETE().build(),
                                status(204)),
                        System.nanoTime());
            }
        }
    }

    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final Pattern SESSION = Pattern.compile("\"session_id\":\"([^\"]+)\"");

    void read(long scheduled) {
        long n = sequence.incrementAndGet();
        String path = n % 2 == 0
                ? "/workflow/" + editWorkflow + "/canvas_data/"
                : "/runs/?workflow_id=" + hooks.get(0).workflowId() + "&limit=20";
        send(new Call(kind("api_read"), api(path).GET().build(), status(200)), scheduled);
    }

    /** A developer's session: 50 calls, then a new one (the server makes it on the first call). */
    volatile String session;

    final AtomicLong devCalls = new AtomicLong();

    void devmode(long scheduled) {
        long n = devCalls.incrementAndGet();
        String current = n % 50 == 0 ? null : session;
        String body = "{\"node_id\":\"" + editNode + "\",\"input_data\":{\"topic\":\"soak " + n + "\"}"
                + (current == null ? "" : ",\"session_id\":\"" + current + "\"") + "}";
        String answer = send(
                new Call(
                        kind("devmode"),
                        api("/workflow/" + editWorkflow + "/execute_and_save_node/")
                                .POST(json(body))
                                .build(),
                        (status, text) ->
                                status == 200 && text.contains("\"success\":true") && text.contains("soak " + n)),
                scheduled);
        if (answer != null && current == null) {
            Matcher id = SESSION.matcher(answer);
            if (id.find()) {
                session = id.group(1);
            }
        }
    }

    /** A hostile request and the answers that are right for it. */
    record Hostile(java.util.function.Supplier<HttpRequest> request, BiPredicate<Integer, String> expected) {}

    /** Requests the server must refuse, one of them at each call, in turn. */
    final List<Hostile> hostile = new ArrayList<>();

    /**
     * Runs of W1 that a number past the limits made fail, as they should: a {@code last_node} webhook
     * answers a failed run with 502 RUN_FAILED and no detail. Counted apart from the 5xx.
     */
    final AtomicLong failedOnPurpose = new AtomicLong();

    void hostile(java.util.function.Supplier<HttpRequest> request) {
        hostile.add(new Hostile(request, REFUSED));
    }

    void hostileRequests() {
        Hook w1 = hooks.get(0);
        String hookUri = base + "/api/hooks/" + w1.path();
        String huge = "{\"a\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        hostile(() -> HttpRequest.newBuilder(URI.create(hookUri))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(json("{\"a\":20,\"b\":"))
                .build());
        hostile(() -> HttpRequest.newBuilder(URI.create(hookUri))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(json(deep))
                .build());
        hostile(() -> HttpRequest.newBuilder(URI.create(hookUri))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(json(huge))
                .build());
        hostile.add(new Hostile(
                () -> HttpRequest.newBuilder(URI.create(hookUri))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(json("{\"a\":1e10000000,\"b\":1}"))
                        .build(),
                (status, body) -> {
                    boolean runFailed = status == 502 && body.contains("\"code\":\"RUN_FAILED\"");
                    if (runFailed) {
                        failedOnPurpose.incrementAndGet();
                    }
                    return runFailed || REFUSED.test(status, body);
                }));
        hostile(() -> HttpRequest.newBuilder(URI.create(base + "/api/hooks/soak-no-such-hook-" + UUID.randomUUID()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(json("{}"))
                .build());
        hostile(() -> api("/workflow/" + editWorkflow + "/")
                .method("PATCH", json("{\"name\": [}"))
                .build());
        hostile(() -> api("/workflow/" + editWorkflow + "/")
                .method("PATCH", json(deep))
                .build());
        hostile(() -> api("/workflow/" + editWorkflow + "/")
                .method("PATCH", json("{\"name\":\"" + "n".repeat(100_000) + "\"}"))
                .build());
        hostile(() -> api("/workflow/" + UUID.randomUUID() + "/").GET().build());
        hostile(() -> api("/runs/" + UUID.randomUUID() + "/").GET().build());
        hostile(() -> api("/workflow/" + editWorkflow + "/nodes/" + UUID.randomUUID() + "/")
                .method("PATCH", json("{\"name\":\"ghost\"}"))
                .build());
        hostile(() -> api("/workflow/" + editWorkflow + "/execute_and_save_node/")
                .POST(json("{\"node_id\":\"" + UUID.randomUUID() + "\",\"input_data\":{}}"))
                .build());
        hostile(() -> api("/workflow/" + editWorkflow + "/execute_and_save_node/")
                .POST(json("{\"input_data\":\"not an object\"}"))
                .build());
        hostile(() -> HttpRequest.newBuilder(URI.create(base + "/api/workflow/"))
                .timeout(TIMEOUT)
                .GET()
                .build());
    }

    final AtomicLong hostileCalls = new AtomicLong();

    void hostile(long scheduled) {
        Hostile which = hostile.get((int) (hostileCalls.getAndIncrement() % hostile.size()));
        send(new Call(kind("hostile"), which.request().get(), which.expected()), scheduled);
    }

    void wrongToken(long scheduled) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/workflow/"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer soak-wrong-token-" + UUID.randomUUID())
                .GET()
                .build();
        send(new Call(kind("hostile"), request, (status, body) -> status == 401), scheduled);
    }

    /** WebSocket figures besides the join's latency (kind ws_join). */
    final AtomicLong socketMessages = new AtomicLong();

    final AtomicLong socketDrops = new AtomicLong();
    final AtomicLong socketsClosed = new AtomicLong();
    final AtomicLong pongsMissing = new AtomicLong();

    /** The server closed the socket before its state_sync came. */
    static final class ClosedBeforeSync extends Exception {
        final int code;

        ClosedBeforeSync(int code) {
            super("closed with " + code + " before the state_sync");
            this.code = code;
        }
    }

    final AtomicLong dropsBeforeSync = new AtomicLong();

    /** One watcher's life: join, wait for state_sync, ping, read for a while, close. */
    final class Watcher implements WebSocket.Listener {
        final CompletableFuture<Void> synced = new CompletableFuture<>();
        final CompletableFuture<Void> ponged = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                socketMessages.incrementAndGet();
                if (message.contains("\"type\":\"state_sync\"")) {
                    synced.complete(null);
                } else if (message.contains("\"type\":\"pong\"")) {
                    ponged.complete(null);
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed.complete(code);
            synced.completeExceptionally(new ClosedBeforeSync(code));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
            synced.completeExceptionally(error);
        }
    }

    void watcherSlot(long endNanos, int slot) {
        List<String> watched = new ArrayList<>();
        hooks.forEach(hook -> watched.add(hook.workflowId()));
        watched.add(editWorkflow);
        Kind joins = kind("ws_join");
        int turn = slot;
        while (!stopping && System.nanoTime() < endNanos) {
            String workflow = watched.get(turn++ % watched.size());
            long start = System.nanoTime();
            Watcher watcher = new Watcher();
            WebSocket socket;
            try {
                socket = http.newWebSocketBuilder()
                        .connectTimeout(TIMEOUT)
                        .buildAsync(
                                URI.create(base.replaceFirst("^http", "ws") + "/ws/workflow/" + workflow + "/?token="
                                        + token),
                                watcher)
                        .get(30, TimeUnit.SECONDS);
                watcher.synced.get(30, TimeUnit.SECONDS);
                joins.record(System.nanoTime() - start, 101, true, "");
            } catch (Exception failed) {
                Throwable cause = failed.getCause() == null ? failed : failed.getCause();
                // A workflow's events can fill a new client's queue before its state_sync is sent
                // on a crowded machine: dropped as too slow, as any client that falls behind.
                if (cause instanceof ClosedBeforeSync closed && closed.code == 1013) {
                    dropsBeforeSync.incrementAndGet();
                    continue;
                }
                int status = cause instanceof WebSocketHandshakeException handshake
                        ? handshake.getResponse().statusCode()
                        : 0;
                joins.record(System.nanoTime() - start, status, false, "ws " + workflow + " -> " + cause);
                pause(1_000);
                continue;
            }
            socket.sendText("{\"type\":\"ping\"}", true);
            long stay = ThreadLocalRandom.current().nextLong(5_000, 20_000);
            try {
                Integer code = watcher.closed.get(stay, TimeUnit.MILLISECONDS);
                // The server closed it: only a slow client's drop (1013) is expected under load.
                if (code == 1013) {
                    socketDrops.incrementAndGet();
                } else {
                    joins.record(-1, 0, false, "ws " + workflow + " closed by the server: " + code);
                }
                continue;
            } catch (java.util.concurrent.TimeoutException stayed) {
                // the usual case: the client leaves
            } catch (Exception failed) {
                joins.record(-1, 0, false, "ws " + workflow + " failed: " + failed.getCause());
                continue;
            }
            if (!watcher.ponged.isDone()) {
                pongsMissing.incrementAndGet();
            }
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "leaving").get(10, TimeUnit.SECONDS);
                watcher.closed.get(10, TimeUnit.SECONDS);
                socketsClosed.incrementAndGet();
            } catch (Exception failed) {
                socket.abort();
                joins.record(-1, 0, false, "ws " + workflow + " did not close: " + failed);
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server process's figures at one moment. */
    record ServerSample(
            long elapsedSeconds,
            long rssKb,
            int threads,
            long cpuTicks,
            double load,
            long heapUsedKb,
            long heapCommittedKb) {}

    final List<ServerSample> samples = new ArrayList<>();

    ServerSample sampleServer(String pid, long elapsedSeconds, boolean withHeap) throws IOException {
        long rss = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
            }
        }
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        double load =
                Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        long used = -1;
        long committed = -1;
        if (withHeap) {
            long[] heap = heap(pid);
            used = heap[0];
            committed = heap[1];
        }
        return new ServerSample(elapsedSeconds, rss, threads, cpu, load, used, committed);
    }

    static final Pattern GENERATION = Pattern.compile("generation\\s+total (\\d+)K, used (\\d+)K");

    /** Heap used and committed in KB, from {@code jcmd PID GC.heap_info} (the generations' lines). */
    static long[] heap(String pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", pid, "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            long used = 0;
            long committed = 0;
            Matcher generation = GENERATION.matcher(text);
            while (generation.find()) {
                committed += Long.parseLong(generation.group(1));
                used += Long.parseLong(generation.group(2));
            }
            return new long[] {used, committed};
        } catch (IOException | InterruptedException failed) {
            return new long[] {-1, -1};
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            settings.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        new SoakDriver(settings).run();
    }

    void run() throws Exception {
        long seconds = Long.parseLong(settings.get("seconds"));
        long warmup = Long.parseLong(settings.get("warmup"));
        String pid = settings.get("pid");
        double webhookRate = Double.parseDouble(settings.get("webhook_rate"));
        String out = settings.get("out");
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        rampNanos = TimeUnit.SECONDS.toNanos(warmup / 2);
        hostileRequests();

        List<Thread> threads = new ArrayList<>();
        for (Hook hook : hooks) {
            threads.add(paced(hook.name(), webhookRate / hooks.size(), end, scheduled -> webhook(hook, scheduled)));
        }
        threads.add(paced("edits", Double.parseDouble(settings.getOrDefault("api_rate", "4")), end, this::edit));
        threads.add(paced("reads", Double.parseDouble(settings.getOrDefault("api_rate", "4")) / 2, end, this::read));
        threads.add(
                paced("devmode", Double.parseDouble(settings.getOrDefault("devmode_rate", "4")), end, this::devmode));
        threads.add(
                paced("hostile", Double.parseDouble(settings.getOrDefault("hostile_rate", "5")), end, this::hostile));
        threads.add(paced("wrong-token", 0.1, end, this::wrongToken));
        int sockets = Integer.parseInt(settings.getOrDefault("sockets", "4"));
        for (int slot = 0; slot < sockets; slot++) {
            int which = slot;
            Thread watcher = new Thread(() -> watcherSlot(end, which), "watcher-" + slot);
            watcher.start();
            threads.add(watcher);
        }

        try (var windows = Files.newBufferedWriter(Path.of(out + "-windows.csv"));
                var server = Files.newBufferedWriter(Path.of(out + "-server.csv"))) {
            windows.write(
                    "elapsed_s,kind,requests,status_2xx,status_4xx,status_5xx,no_answer,unexpected,p50_ms,p99_ms,max_ms\n");
            server.write("elapsed_s,rss_mb,threads,cpu_pct_of_core,load1,heap_used_mb,heap_committed_mb\n");
            ServerSample previous = sampleServer(pid, 0, true);
            long nextWindow = started + WINDOW_NANOS;
            int window = 0;
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(nextWindow - System.nanoTime());
                if (System.nanoTime() < nextWindow) {
                    continue;
                }
                nextWindow += WINDOW_NANOS;
                window++;
                long elapsed = elapsedSeconds();
                for (Kind kind : kinds.values()) {
                    windows.write(kind.close(elapsed) + "\n");
                }
                ServerSample sample = sampleServer(pid, elapsed, window % 6 == 0);
                samples.add(sample);
                double cpu = (sample.cpuTicks() - previous.cpuTicks())
                        / 100.0
                        / Math.max(1, sample.elapsedSeconds() - previous.elapsedSeconds())
                        * 100;
                previous = sample;
                server.write(String.format(
                        Locale.ROOT,
                        "%d,%.1f,%d,%.1f,%.2f,%s,%s%n",
                        elapsed,
                        sample.rssKb() / 1024.0,
                        sample.threads(),
                        cpu,
                        sample.load(),
                        sample.heapUsedKb() < 0 ? "" : String.format(Locale.ROOT, "%.1f", sample.heapUsedKb() / 1024.0),
                        sample.heapCommittedKb() < 0
                                ? ""
                                : String.format(Locale.ROOT, "%.1f", sample.heapCommittedKb() / 1024.0)));
                windows.flush();
                server.flush();
                if (window % 6 == 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "[soak] %3d s: %s, RSS %.0f MB, threads %d, server CPU %.0f %%, load %.2f%n",
                            elapsed,
                            progress(),
                            sample.rssKb() / 1024.0,
                            sample.threads(),
                            cpu,
                            sample.load());
                }
            }
        }
        stopping = true;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        senders.shutdown();
        if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
            System.out.println("[soak] senders still busy 60 s after the end");
        }
        summary(seconds, warmup);
    }

    String progress() {
        StringBuilder text = new StringBuilder();
        for (Kind kind : kinds.values()) {
            synchronized (kind) {
                text.append(kind.name).append(' ').append(kind.total());
                if (kind.classes[5] > 0 || kind.classes[0] > 0 || kind.bad > 0) {
                    text.append(" (5xx ")
                            .append(kind.classes[5])
                            .append(", no answer ")
                            .append(kind.classes[0])
                            .append(", unexpected ")
                            .append(kind.bad)
                            .append(')');
                }
                text.append(", ");
            }
        }
        return text.substring(0, text.length() - 2);
    }

    /** The median of the samples taken in (from, to] seconds. */
    double median(long from, long to, java.util.function.ToDoubleFunction<ServerSample> figure) {
        double[] values = samples.stream()
                .filter(s -> s.elapsedSeconds() > from && s.elapsedSeconds() <= to)
                .mapToDouble(figure)
                .filter(v -> v >= 0)
                .sorted()
                .toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    void summary(long seconds, long warmup) {
        System.out.println();
        System.out.printf(
                "kind        requests      2xx      4xx   5xx  no answer  unexpected   p50 ms   p99 ms   max ms  (after the warm-up)%n");
        long fivexx = 0;
        long bad = 0;
        long errors = 0;
        for (Kind kind : kinds.values()) {
            long[] after = kind.between(warmup, Long.MAX_VALUE);
            synchronized (kind) {
                System.out.printf(
                        Locale.ROOT,
                        "%-10s %9d %8d %8d %5d %10d %11d %8.2f %8.2f %8.1f%n",
                        kind.name,
                        kind.total(),
                        kind.classes[2] + kind.classes[1],
                        kind.classes[4],
                        kind.classes[5],
                        kind.classes[0],
                        kind.bad,
                        millis(percentile(after, 50)),
                        millis(percentile(after, 99)),
                        millis(after.length == 0 ? 0 : after[after.length - 1]));
                fivexx += kind.classes[5];
                bad += kind.bad;
                errors += kind.classes[0];
                if (!kind.firstBad.isEmpty()) {
                    System.out.println("           first unexpected: " + kind.firstBad);
                }
            }
        }
        System.out.printf(
                "5xx: %d, of which %d the 502 RUN_FAILED that W1 answers when a number past the limits fails its"
                        + " run (expected); unexpected 5xx: %d%n",
                fivexx, failedOnPurpose.get(), fivexx - failedOnPurpose.get());
        fivexx -= failedOnPurpose.get();
        System.out.printf(
                "WebSocket: %d joined, %d left normally, %d dropped by the server as too slow (and %d before their"
                        + " state_sync), %d without a pong, %d messages%n",
                kind("ws_join").classes[1],
                socketsClosed.get(),
                socketDrops.get(),
                dropsBeforeSync.get(),
                pongsMissing.get(),
                socketMessages.get());

        System.out.printf("%np99 ms per 5-minute window (* = warm-up):%nwindow   ");
        for (Kind kind : kinds.values()) {
            System.out.printf("%10s", kind.name);
        }
        System.out.println();
        for (long from = 0; from < seconds; from += 300) {
            System.out.printf("%3d-%-3d%s", from / 60, Math.min(seconds, from + 300) / 60, from < warmup ? "*" : " ");
            for (Kind kind : kinds.values()) {
                System.out.printf(Locale.ROOT, "%10.1f", millis(percentile(kind.between(from, from + 300), 99)));
            }
            System.out.println();
        }

        long lastMinute = Math.max(warmup, seconds - 60);
        double rssWarm = median(warmup - 60, warmup, s -> s.rssKb() / 1024.0);
        double rssEnd = median(lastMinute, seconds, s -> s.rssKb() / 1024.0);
        double threadsWarm = median(warmup - 60, warmup, ServerSample::threads);
        double threadsEnd = median(lastMinute, seconds, ServerSample::threads);
        double rssPeak = samples.stream()
                .filter(s -> s.elapsedSeconds() > warmup)
                .mapToDouble(s -> s.rssKb() / 1024.0)
                .max()
                .orElse(Double.NaN);
        int threadsPeak = samples.stream()
                .filter(s -> s.elapsedSeconds() > warmup)
                .mapToInt(ServerSample::threads)
                .max()
                .orElse(-1);
        double heapWarm = median(warmup - 120, warmup, s -> s.heapCommittedKb() / 1024.0);
        double heapEnd = median(seconds - 120, seconds, s -> s.heapCommittedKb() / 1024.0);
        System.out.printf(
                Locale.ROOT,
                "%nmedian of the minute before the warm-up's end (%d s) -> of the last minute, after the warm-up's peak:%n",
                warmup);
        System.out.printf(
                Locale.ROOT,
                "  RSS      %.0f -> %.0f MB (%+.1f %%), peak %.0f MB%n",
                rssWarm,
                rssEnd,
                growth(rssWarm, rssEnd),
                rssPeak);
        System.out.printf(
                Locale.ROOT,
                "  threads  %.0f -> %.0f (%+.1f %%), peak %d%n",
                threadsWarm,
                threadsEnd,
                growth(threadsWarm, threadsEnd),
                threadsPeak);
        System.out.printf(
                Locale.ROOT,
                "  heap committed %.0f -> %.0f MB (jcmd GC.heap_info, once a minute)%n",
                heapWarm,
                heapEnd);
        for (Hook hook : hooks) {
            Kind calls = kind(hook.name());
            System.out.println("ANSWERED " + hook.workflowId() + " " + hook.name() + " " + calls.classes[2] + " "
                    + calls.total() + " " + (hook == hooks.get(0) ? failedOnPurpose.get() : 0));
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT fivexx=%d unexpected=%d no_answer=%d rss_growth_pct=%.1f threads_growth_pct=%.1f rss_warm_mb=%.0f rss_end_mb=%.0f threads_warm=%.0f threads_end=%.0f%n",
                fivexx,
                bad,
                errors,
                growth(rssWarm, rssEnd),
                growth(threadsWarm, threadsEnd),
                rssWarm,
                rssEnd,
                threadsWarm,
                threadsEnd);
    }

    static double growth(double from, double to) {
        return (to - from) / from * 100;
    }
}
