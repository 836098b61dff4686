package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.ServerProcess;
import io.orchestrator.it.support.TestWorkflow;
import io.orchestrator.nodes.http.LocalHttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A routine stop (SIGTERM, as an operator's Ctrl+C or a container runtime sends) while an
 * http-request node waits for its answer lets that node finish before the server goes down, for
 * up to ORCHESTRATOR_SHUTDOWN_DRAIN_SECONDS: after the restart the run ends without the POST being
 * sent a second time, which recovery would do for a node the stop had cut short. A node that
 * outlasts the drain is interrupted when the drain ends, so a stop never waits on a slow remote server.
 */
class GracefulStopIT {

    private static final String TOKEN = "stop-admin-token-0123456789abcdef";
    private static final String DATABASE = "orchestrator_stop" + System.getProperty("it.db.suffix", "");
    private static final long PAY_ANSWERS_AFTER_MILLIS = 3000;
    private static final long HANG_ANSWERS_AFTER_MILLIS = 120_000;
    /** Over the payment's delay, under the default (20 s), so that the tests see the setting is read. */
    private static final int DRAIN_SECONDS = 8;
    /** What stopping Liberty itself takes on a busy machine, beyond the drain. */
    private static final Duration STOP_OVERHEAD = Duration.ofSeconds(10);

    private static final AtomicInteger posts = new AtomicInteger();
    private static final AtomicInteger hangs = new AtomicInteger();
    private static LocalHttpServer target;
    private static ServerProcess server;

    @BeforeAll
    static void start() {
        target = new LocalHttpServer()
                .handle("/pay", exchange -> {
                    posts.incrementAndGet();
                    answerAfter(PAY_ANSWERS_AFTER_MILLIS, exchange);
                })
                .handle("/hang", exchange -> {
                    hangs.incrementAndGet();
                    answerAfter(HANG_ANSWERS_AFTER_MILLIS, exchange);
                });
        server = ServerProcess.named("graceful-stop")
                .port(ServerProcess.port(3))
                .freshMariaDb(DATABASE)
                .env("ORCHESTRATOR_ADMIN_TOKEN", TOKEN)
                .env("ORCHESTRATOR_HTTP_ALLOW", "127.0.0.1")
                .env("ORCHESTRATOR_SHUTDOWN_DRAIN_SECONDS", Integer.toString(DRAIN_SECONDS))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aPostInFlightWhenTheServerStopsIsSentOnceAndTheRunSucceedsAfterTheRestart() {
        Api api = new Api(server.baseUri(), TOKEN);
        TestWorkflow workflow = TestWorkflow.create(api, "graceful stop");
        String pay = postingTo(workflow, "/pay");

        String run = api.get(workflow.path("start_execution/")).object(200).getString("task_id");
        Eventually.until(() -> posts.get() == 1, Duration.ofSeconds(30), () -> posts.get() + " POSTs");

        server.stop();
        server.start();

        JsonObject status = workflow.awaitRunEnd(Duration.ofSeconds(120));
        assertEquals(run, status.getString("task_id"));
        assertEquals("SUCCESS", status.getString("status"), status::toString);
        assertEquals(1, posts.get(), "the POST under way at the stop was not sent again");
        assertEquals(
                1,
                MariaDb.count(
                        DATABASE, "SELECT COUNT(*) FROM node_execution WHERE run_id = ? AND node_id = ?", run, pay),
                "the node ran once: no attempt was interrupted");
        assertEquals(
                1,
                MariaDb.count(
                        DATABASE,
                        "SELECT COUNT(*) FROM node_execution WHERE run_id = ? AND node_id = ?"
                                + " AND status = 'SUCCESS'",
                        run,
                        pay));
    }

    @Test
    void aNodeThatOutlastsTheDrainDoesNotHoldTheStopLongerThanTheDrain() {
        Api api = new Api(server.baseUri(), TOKEN);
        TestWorkflow workflow = TestWorkflow.create(api, "stop during a hanging call");
        postingTo(workflow, "/hang");
        api.get(workflow.path("start_execution/")).object(200);
        Eventually.until(() -> hangs.get() == 1, Duration.ofSeconds(30), () -> hangs.get() + " calls");

        Instant begin = Instant.now();
        server.stop();
        Duration took = Duration.between(begin, Instant.now());
        server.start();

        Duration bound = Duration.ofSeconds(DRAIN_SECONDS).plus(STOP_OVERHEAD);
        assertTrue(took.compareTo(bound) < 0, "the stop took " + took + ", over the drain and Liberty's own " + bound);
    }

    /** A manual trigger and an http-request node that POSTs to the target's path; returns that node's id. */
    private static String postingTo(TestWorkflow workflow, String path) {
        String start = workflow.addNodeId("manual-trigger", "Start");
        String call = workflow.addNode(
                        "http-request",
                        "Call",
                        Json.createObjectBuilder()
                                .add("method", "POST")
                                .add("url", target.url(path))
                                .add("body", Json.createObjectBuilder().add("amount", 42))
                                .build())
                .getString("id");
        workflow.connect(start, call);
        return call;
    }

    private static void answerAfter(long millis, HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        LocalHttpServer.respond(exchange, 200, "application/json", "{\"done\": true}");
    }
}
