package io.orchestrator.it.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the generated requests from a few threads at once and checks every answer with
 * {@link AnswerRules}. HTTP/1.1, as the black-box tests speak it: the JDK client's upgrade to
 * HTTP/2 is not what is under test.
 */
public final class Storm {

    /** What the storm did: how many requests, how long, the answers by status, the slowest. */
    public record Outcome(int sent, Duration took, Map<Integer, Integer> statuses, long slowestMillis, String slowest) {

        @Override
        public String toString() {
            return sent + " requests in " + took.toSeconds() + " s, statuses " + statuses + ", slowest " + slowestMillis
                    + " ms: " + slowest;
        }
    }

    /** An answer this slow holds a server thread too long, whatever its status. */
    static final Duration SLOW = Duration.ofSeconds(10);

    /** This many requests in a row without an answer: the server is down, the rest would only wait. */
    private static final int GIVE_UP = 40;

    private final URI base;
    private final HttpClient client;

    public Storm(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public Outcome run(RequestGenerator generator, int count, int parallel, Violations violations) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger silent = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicLong slowestMillis = new AtomicLong();
        String[] slowest = {""};
        long begin = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        for (int t = 0; t < parallel; t++) {
            threads.execute(() -> {
                for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                    HostileRequest request = generator.request(index);
                    long start = System.nanoTime();
                    int status = send(request, violations);
                    if (status == 0 && silent.incrementAndGet() > GIVE_UP) {
                        violations.add(
                                "the server stopped answering",
                                "storm",
                                "no answer to " + GIVE_UP + " requests in a row, the last " + request.describe());
                        next.set(count);
                    } else if (status != 0) {
                        silent.set(0);
                    }
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    statuses.merge(status, 1, Integer::sum);
                    if (millis > SLOW.toMillis()) {
                        violations.add(
                                "answered after more than " + SLOW.toSeconds() + " s",
                                request.method() + " " + request.template(),
                                request.describe() + " → " + millis + " ms");
                    }
                    synchronized (slowest) {
                        if (millis > slowestMillis.get()) {
                            slowestMillis.set(millis);
                            slowest[0] = request.describe();
                        }
                    }
                }
            });
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.MINUTES)) {
                threads.shutdownNow();
                violations.add("the storm did not end", "storm", "still sending after 10 minutes");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(
                Math.min(next.get(), count),
                Duration.ofNanos(System.nanoTime() - begin),
                new TreeMap<>(statuses),
                slowestMillis.get(),
                slowest[0]);
    }

    /**
     * Sends the request; once more (the closed connection has left the pool) when a kept-alive one was closed under it
     * before any answer: the server may close an idle connection as the client picks it for the next
     * request, as any HTTP/1.1 server may, and the JDK's client retries only idempotent requests. A
     * request the server really cannot answer fails the second time too.
     */
    private HttpResponse<String> exchange(HostileRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request.toHttp(base), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException timeout) {
            throw timeout;
        } catch (IOException closedUnderIt) {
            return client.send(request.toHttp(base), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Sends one request and checks its answer; returns its status, 0 when none came. */
    int send(HostileRequest request, Violations violations) {
        String where = request.method() + " " + request.template();
        try {
            HttpResponse<String> response = exchange(request);
            AnswerRules.check(
                    violations,
                    where,
                    request.describe(),
                    request.method(),
                    request.path(),
                    response.statusCode(),
                    response.body());
            return response.statusCode();
        } catch (HttpTimeoutException timeout) {
            violations.add("no answer within " + HostileRequest.TIMEOUT.toSeconds() + " s", where, request.describe());
        } catch (IOException failed) {
            violations.add(
                    "no answer (" + failed.getClass().getSimpleName() + ")",
                    where,
                    request.describe() + " → " + failed.getMessage());
        } catch (IllegalArgumentException unsendable) {
            // The JDK refuses to send it (a header it restricts): nothing reached the server.
            violations.add(
                    "the generator made a request the client cannot send",
                    where,
                    request.describe() + " → " + unsendable.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
