package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.ServerProcess;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Never lose a run: the server's JVM is killed with SIGKILL during a run, restarted on the same
 * database, and the run completes without any completed node running again. The nodes call a
 * local HTTP server that counts the calls each node makes.
 */
class EngineCrashIT {

    private static final String TOKEN = "crash-admin-token-0123456789abcdef";
    private static final String DATABASE = "orchestrator_crash" + System.getProperty("it.db.suffix", "");

    private static HttpServer counter;
    private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private static ServerProcess server;

    @BeforeAll
    static void start() throws IOException {
        counter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        counter.createContext("/slow/", exchange -> {
            String step = exchange.getRequestURI().getPath().substring("/slow/".length());
            calls.computeIfAbsent(step, key -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(1500);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"step\": \"" + step + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        counter.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        counter.start();
        server = ServerProcess.named("crash")
                .port(ServerProcess.port(2))
                .freshMariaDb(DATABASE)
                .env("ORCHESTRATOR_ADMIN_TOKEN", TOKEN)
                .env("ORCHESTRATOR_HTTP_ALLOW", "127.0.0.1")
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (counter != null) {
            counter.stop(0);
        }
    }

    private Api api() {
        return new Api(server.baseUri(), TOKEN);
    }

    private String call(String step) {
        return "http://127.0.0.1:" + counter.getAddress().getPort() + "/slow/" + step;
    }

    private int callsOf(String step) {
        return calls.getOrDefault(step, new AtomicInteger()).get();
    }

    @Test
    void aRunKilledMidChainAndInAWaitCompletesAfterARestartWithoutRepeatingCompletedNodes() throws Exception {
        Api api = api();
        // Mid-chain: four slow calls in a row; the server dies during the second.
        TestWorkflow chain = TestWorkflow.create(api, "crash chain");
        String start = chain.addNodeId("manual-trigger", "Start");
        String previous = start;
        for (String step : List.of("c1", "c2", "c3", "c4")) {
            String node = chain.addNode(
                            "http-request",
                            step.toUpperCase(),
                            Json.createObjectBuilder().add("url", call(step)).build())
                    .getString("id");
            chain.connect(previous, node);
            previous = node;
        }
        // In a wait: one call, then a wait that is under way when the server dies, then one more call.
        TestWorkflow waiting = TestWorkflow.create(api, "crash wait");
        String waitStart = waiting.addNodeId("manual-trigger", "Start");
        String before = waiting.addNode(
                        "http-request",
                        "Before",
                        Json.createObjectBuilder().add("url", call("w1")).build())
                .getString("id");
        String pause = waiting.addNode(
                        "wait",
                        "Pause",
                        Json.createObjectBuilder().add("seconds", 12).build())
                .getString("id");
        String after = waiting.addNode(
                        "http-request",
                        "After",
                        Json.createObjectBuilder().add("url", call("w2")).build())
                .getString("id");
        waiting.connect(waitStart, before);
        waiting.connect(before, pause);
        waiting.connect(pause, after);

        String chainRun = api.get(chain.path("start_execution/")).object(200).getString("task_id");
        String waitRun = api.get(waiting.path("start_execution/")).object(200).getString("task_id");
        Eventually.until(
                () -> callsOf("c2") == 1 && "WAITING".equals(status(api, waiting)),
                Duration.ofSeconds(30),
                () -> "c2 called " + callsOf("c2") + " times, the waiting run " + status(api, waiting));
        Thread.sleep(300);

        server.kill();
        server.start();

        JsonObject chainStatus = chain.awaitRunEnd(Duration.ofSeconds(120));
        JsonObject waitStatus = waiting.awaitRunEnd(Duration.ofSeconds(120));
        assertEquals(chainRun, chainStatus.getString("task_id"));
        assertEquals("SUCCESS", chainStatus.getString("status"), chainStatus::toString);
        assertEquals(waitRun, waitStatus.getString("task_id"));
        assertEquals("SUCCESS", waitStatus.getString("status"), waitStatus::toString);

        assertEquals(1, callsOf("c1"), "c1 completed before the crash and is not called again");
        assertEquals(2, callsOf("c2"), "c2 was running at the crash and runs again as a new attempt");
        assertEquals(1, callsOf("c3"));
        assertEquals(1, callsOf("c4"));
        assertEquals(1, callsOf("w1"), "the node before the wait is not called again");
        assertEquals(1, callsOf("w2"));

        for (String run : List.of(chainRun, waitRun)) {
            long duplicated = MariaDb.count(
                    DATABASE,
                    "SELECT COUNT(*) FROM (SELECT node_id FROM node_execution"
                            + " WHERE run_id = ? AND status = 'SUCCESS' GROUP BY node_id HAVING COUNT(*) > 1) twice",
                    run);
            assertEquals(0, duplicated, "no node of run " + run + " completed twice");
        }
        assertEquals(
                1,
                MariaDb.count(
                        DATABASE,
                        "SELECT COUNT(*) FROM node_execution WHERE run_id = ?" + " AND error_type = 'interrupted'",
                        chainRun),
                "the attempt cut by the crash is recorded as interrupted");
        assertEquals(
                5,
                MariaDb.count(
                        DATABASE,
                        "SELECT COUNT(*) FROM node_execution WHERE run_id = ?" + " AND status = 'SUCCESS'",
                        chainRun));
        assertEquals(
                4,
                MariaDb.count(
                        DATABASE,
                        "SELECT COUNT(*) FROM node_execution WHERE run_id = ?" + " AND status = 'SUCCESS'",
                        waitRun));
        assertTrue(pause.length() > 0 && after.length() > 0);
    }

    private static String status(Api api, TestWorkflow workflow) {
        Api.Response response = api.get(workflow.path("task_status/"));
        return response.status() == 200 ? response.object().getString("status") : "none";
    }
}
