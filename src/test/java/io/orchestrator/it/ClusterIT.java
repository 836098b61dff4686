package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.ServerProcess;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two servers on one MariaDB database, as the README's "Two servers on one MariaDB" starts them:
 * a run under way is stopped, paused and resumed through the server that does not execute it;
 * webhook calls go to both in turn, one server is killed (SIGKILL) under that load, and every run
 * a server answered for ends SUCCESS, none executed twice, while a WebSocket client of the survivor
 * saw the runs of both servers end. The nodes call a local HTTP server that sleeps as asked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String TOKEN = "cluster-admin-token-0123456789abcdef";
    private static final String DATABASE = "orchestrator_cluster" + System.getProperty("it.db.suffix", "");
    private static final int THREADS = 4;
    private static final int CALLS_PER_THREAD = 80;
    /** The first server is killed once this many calls were answered. */
    private static final int KILL_AFTER = 120;

    /**
     * The webhook callers' client: HTTP/1.1, one connection per call in flight. The JDK's default
     * upgrade to HTTP/2 made concurrent calls wait on one another until their 30 s timeout.
     */
    private static final HttpClient CALLER = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static HttpServer sleeper;
    private static ServerProcess first;
    private static ServerProcess second;

    @BeforeAll
    static void start() throws IOException {
        sleeper = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sleeper.createContext("/sleep/", exchange -> {
            long millis = Long.parseLong(exchange.getRequestURI().getPath().substring("/sleep/".length()));
            try {
                Thread.sleep(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"slept\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sleeper.setExecutor(Executors.newCachedThreadPool());
        sleeper.start();
        // One after the other: the second finds the schema migrated by the first.
        first = server("cluster-a", 11).freshMariaDb(DATABASE).build().start();
        second = server("cluster-b", 12)
                .env("ORCHESTRATOR_DB_URL", MariaDb.jdbcUrl(DATABASE))
                .env("ORCHESTRATOR_DB_USER", MariaDb.user())
                .env("ORCHESTRATOR_DB_PASSWORD", MariaDb.password())
                .build()
                .start();
    }

    private static ServerProcess.Builder server(String name, int port) {
        return ServerProcess.named(name)
                .port(ServerProcess.port(port))
                .env("ORCHESTRATOR_SERVER_NAME", name)
                .env("ORCHESTRATOR_ADMIN_TOKEN", TOKEN)
                .env("ORCHESTRATOR_HTTP_ALLOW", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        for (ServerProcess server : new ServerProcess[] {first, second}) {
            if (server != null) {
                server.stop();
            }
        }
        if (sleeper != null) {
            sleeper.stop(0);
        }
    }

    private static Api api(ServerProcess server) {
        return new Api(server.baseUri(), TOKEN);
    }

    private static String sleep(long millis) {
        return "http://127.0.0.1:" + sleeper.getAddress().getPort() + "/sleep/" + millis;
    }

    /** A webhook, then the given number of calls to the sleeper, then a transform that doubles input n. */
    private static TestWorkflow webhookFlow(Api api, String path, String mode, int slowCalls, long millis) {
        TestWorkflow workflow = TestWorkflow.create(api, "cluster " + path);
        String previous = workflow.addNode(
                        "webhook",
                        "Hook",
                        Json.createObjectBuilder()
                                .add("path", path)
                                .add("response_mode", mode)
                                .build())
                .getString("id");
        for (int call = 1; call <= slowCalls; call++) {
            String node = workflow.addNode(
                            "http-request",
                            "Call " + call,
                            Json.createObjectBuilder().add("url", sleep(millis)).build())
                    .getString("id");
            workflow.connect(previous, node);
            previous = node;
        }
        String doubled = workflow.addNode("transform", "Double", (JsonObject)
                        Api.parse("{\"fields\": {\"doubled\": \"${nodes['Hook'].output.body.n * 2}\"}}"))
                .getString("id");
        workflow.connect(previous, doubled);
        api.patch(workflow.path(), "{\"active\": true}").object(200);
        return workflow;
    }

    private static String ownerOf(String runId) {
        Object owner = MariaDb.queryValue(DATABASE, "SELECT owner FROM run WHERE id = ?", runId);
        return owner == null ? "" : owner.toString();
    }

    private static String statusOf(String runId) {
        Object status = MariaDb.queryValue(DATABASE, "SELECT status FROM run WHERE id = ?", runId);
        return status == null ? "none" : status.toString();
    }

    private static String taskIdOf(Api.Response answer) {
        return answer.header("X-Task-Id").orElseGet(() -> answer.object().getString("task_id"));
    }

    @Test
    @Order(1)
    void aRunIsStoppedPausedAndResumedThroughTheServerThatDoesNotExecuteIt() {
        Api api = api(first);
        for (ServerProcess executing : List.of(first, second)) {
            ServerProcess other = executing == first ? second : first;
            String path = "cluster/steer/" + executing.port();
            // Five slow calls in a row: the run is under way long enough to be steered from the other side.
            TestWorkflow workflow = webhookFlow(api, path, "on_received", 5, 1_500);
            // A webhook's run executes on the server that received the call (Quartz picks the server of
            // a start_execution), so the caller knows which one holds it; the owner column confirms it.
            String runId = taskIdOf(api(executing).post("/api/hooks/" + path, "{\"n\": 1}"));
            Eventually.until(
                    () -> "STARTED".equals(statusOf(runId)),
                    Duration.ofSeconds(20),
                    () -> "run " + runId + " is " + statusOf(runId));
            String owner = ownerOf(runId);
            assertTrue(owner.startsWith(executing == first ? "cluster-a-" : "cluster-b-"), owner);

            Api through = api(other);
            JsonObject paused =
                    through.post("/api/runs/" + runId + "/pause/", "{}").object(200);
            assertEquals("PAUSED", paused.getString("status"), paused::toString);
            assertEquals("PAUSED", statusOf(runId));
            JsonObject resumed =
                    through.post("/api/runs/" + runId + "/resume/", "{}").object(200);
            assertEquals("STARTED", resumed.getString("status"), resumed::toString);
            JsonObject stopped = through.get(workflow.path("stop_execution/")).object(200);
            assertEquals(runId, stopped.getString("task_id"));
            assertEquals("REVOKED", stopped.getString("status"), stopped::toString);

            assertEquals(owner, ownerOf(runId), "the run stayed with the server that executed it");
            assertEquals(
                    0,
                    MariaDb.count(
                            DATABASE,
                            "SELECT COUNT(*) FROM (SELECT node_id FROM node_execution WHERE run_id = ?"
                                    + " AND status = 'SUCCESS' GROUP BY node_id HAVING COUNT(*) > 1) twice",
                            runId),
                    "no node completed twice");
            long calls = MariaDb.count(
                    DATABASE,
                    "SELECT COUNT(*) FROM node_execution WHERE run_id = ? AND node_type = 'http-request'"
                            + " AND status <> 'SKIPPED'",
                    runId);
            assertTrue(calls < 5, "the stop ended the run before its last calls: " + calls);
        }
    }

    private record Answered(String runId, ServerProcess by, boolean lastNode) {}

    @Test
    @Order(2)
    void underWebhookLoadOnBothServersAKilledServerLosesNoAnsweredRunAndTheSurvivorsClientsSeeBoth() throws Exception {
        Api api = api(first);
        TestWorkflow answering = webhookFlow(api, "cluster/answer", "last_node", 0, 0);
        TestWorkflow goingOn = webhookFlow(api, "cluster/later", "on_received", 1, 300);
        // Clients of the survivor, one per workflow (a client watches one).
        SocketClient watchesAnswering = SocketClient.connect(socketUri(second, answering));
        SocketClient watchesGoingOn = SocketClient.connect(socketUri(second, goingOn));
        watchesAnswering.next("state_sync");
        watchesGoingOn.next("state_sync");
        // The other server learns of these watchers at its next heartbeat (every second).
        Thread.sleep(2_500);

        List<Answered> answered = new ArrayList<>();
        AtomicInteger answeredCount = new AtomicInteger();
        AtomicInteger wrongBodies = new AtomicInteger();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        Instant began = Instant.now();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread caller = new Thread(() -> {
                for (int call = 0; call < CALLS_PER_THREAD; call++) {
                    ServerProcess server = (call + thread) % 2 == 0 ? first : second;
                    boolean lastNode = (call / 2) % 2 == 0;
                    int n = thread * 1000 + call;
                    try {
                        HttpResponse<String> answer = CALLER.send(
                                HttpRequest.newBuilder(server.baseUri()
                                                .resolve("/api/hooks/cluster/" + (lastNode ? "answer" : "later")))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"n\": " + n + "}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        outcomes.merge(Integer.toString(answer.statusCode()), 1, Integer::sum);
                        if (answer.statusCode() / 100 == 2) {
                            JsonObject body = Api.parse(answer.body()).asJsonObject();
                            if (lastNode && body.getInt("doubled", -1) != 2 * n) {
                                wrongBodies.incrementAndGet();
                            }
                            String runId =
                                    answer.headers().firstValue("X-Task-Id").orElseGet(() -> body.getString("task_id"));
                            synchronized (answered) {
                                answered.add(new Answered(runId, server, lastNode));
                            }
                            answeredCount.incrementAndGet();
                        }
                    } catch (IOException refused) {
                        // The killed server refuses or cuts calls: those were never answered.
                        outcomes.merge(refused.getClass().getSimpleName(), 1, Integer::sum);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        Eventually.until(
                () -> answeredCount.get() >= KILL_AFTER,
                Duration.ofSeconds(60),
                () -> answeredCount + " answered; outcomes " + outcomes);
        first.kill();
        for (Thread caller : callers) {
            caller.join(120_000);
        }
        Duration load = Duration.between(began, Instant.now());

        assertEquals(
                0,
                wrongBodies.get(),
                "every last_node answer carries its run's result, whichever server; outcomes " + outcomes);
        Set<String> byFirst = answered.stream()
                .filter(run -> run.by() == first)
                .map(Answered::runId)
                .collect(Collectors.toSet());
        assertTrue(byFirst.size() >= KILL_AFTER / 4, "the killed server answered " + byFirst.size() + " calls");
        assertTrue(answered.size() - byFirst.size() >= KILL_AFTER / 4, "the survivor answered too");

        // Runs the killed server accepted and had not finished are taken over by the survivor.
        List<String> runIds = answered.stream().map(Answered::runId).toList();
        Eventually.until(
                () -> statuses(runIds).values().stream().allMatch(ClusterIT::isFinal),
                Duration.ofSeconds(90),
                () -> statuses(runIds).values().stream()
                                .filter(status -> !isFinal(status))
                                .count() + " answered runs not ended yet");
        Map<String, String> ended = statuses(runIds);
        List<String> notSuccessful = runIds.stream()
                .filter(run -> !"SUCCESS".equals(ended.get(run)))
                .map(run -> run + " " + ended.get(run))
                .toList();
        assertEquals(List.of(), notSuccessful, "every run answered with a 2xx ends SUCCESS");
        assertEquals(
                0,
                MariaDb.count(
                        DATABASE,
                        "SELECT COUNT(*) FROM (SELECT run_id, node_id FROM node_execution WHERE status = 'SUCCESS'"
                                + " GROUP BY run_id, node_id HAVING COUNT(*) > 1) twice"),
                "no node of any run completed twice");

        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        for (Answered run : answered) {
            SocketClient client = run.lastNode() ? watchesAnswering : watchesGoingOn;
            Eventually.until(
                    () -> completedSeen(client, seen).contains(run.runId()),
                    Duration.ofSeconds(15),
                    () -> "the survivor's client saw no workflow_completed of run " + run.runId() + ", answered by "
                            + (run.by() == first ? "the killed server" : "the survivor"));
        }
        watchesAnswering.close();
        watchesGoingOn.close();
        System.out.printf(
                "ClusterIT: %d calls answered (%d by the killed server) in %d ms of load; outcomes %s%n",
                answered.size(), byFirst.size(), load.toMillis(), outcomes);
    }

    /** The stored status of each run, in one query. */
    private static Map<String, String> statuses(List<String> runIds) {
        Map<String, String> statuses = new java.util.HashMap<>();
        try (java.sql.Connection connection = MariaDb.connect(DATABASE);
                java.sql.Statement select = connection.createStatement();
                java.sql.ResultSet rows = select.executeQuery("SELECT id, status FROM run WHERE id IN ("
                        + runIds.stream()
                                .map(id -> "'" + id.replace("'", "") + "'")
                                .collect(Collectors.joining(","))
                        + ")")) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
        } catch (java.sql.SQLException failed) {
            throw new IllegalStateException(failed);
        }
        runIds.forEach(id -> statuses.putIfAbsent(id, "none"));
        return statuses;
    }

    private static boolean isFinal(String status) {
        return Set.of("SUCCESS", "FAILURE", "REVOKED").contains(status);
    }

    /** The runs whose workflow_completed the client received so far (what it has queued is read into seen). */
    private static Set<String> completedSeen(SocketClient client, Map<String, Boolean> seen) {
        for (JsonObject message = client.poll(); message != null; message = client.poll()) {
            if ("workflow_completed".equals(message.getString("type", ""))) {
                seen.put(message.getString("task_id"), true);
            }
        }
        return seen.keySet();
    }

    private static URI socketUri(ServerProcess server, TestWorkflow workflow) {
        return URI.create(server.baseUri().toString().replaceFirst("^http", "ws") + "/ws/workflow/" + workflow.id()
                + "/?token=" + TOKEN);
    }
}
