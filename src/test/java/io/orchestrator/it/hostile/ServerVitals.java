package io.orchestrator.it.hostile;

import io.orchestrator.it.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The server's health, heap and CPU as it shows them to anyone: {@code /api/health/} and the JVM's
 * base metrics at {@code /metrics}. The heap's used bytes include garbage not collected yet: the
 * heap is read just after a full collection that the test asks the JVM for (the server runs on
 * this machine); where none can be had, as the lowest figure while cheap requests make garbage (the
 * collector then runs, though with the serial collector the old generation's garbage stays until
 * it is full, so that figure may be high).
 */
public final class ServerVitals {

    private static final String USED_HEAP = "memory_usedHeap_bytes";
    private static final String PROCESS_CPU = "cpu_processCpuLoad_percent";

    private final Api anonymous;
    private final Api admin;
    private final BooleanSupplier fullCollection;

    /** {@code fullCollection} asks the server's JVM for a full collection, and says whether it could. */
    public ServerVitals(Api anonymous, Api admin, BooleanSupplier fullCollection) {
        this.anonymous = anonymous;
        this.admin = admin;
        this.fullCollection = fullCollection;
    }

    /** Whether /api/health/ answers 200 UP within a second; the answer otherwise. */
    public String unhealthy() {
        long start = System.nanoTime();
        Api.Response health;
        try {
            health = anonymous.get("/api/health/");
        } catch (RuntimeException failed) {
            return "no answer: " + failed;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (health.status() != 200 || !health.text().contains("\"UP\"")) {
            return health.toString();
        }
        return millis > 1_000 ? "answered in " + millis + " ms" : null;
    }

    /** The used heap after a full collection, in bytes; else the lowest over a few seconds of cheap requests. */
    public long settledHeap(Duration during) {
        if (fullCollection.getAsBoolean()) {
            OptionalDouble used = metric(USED_HEAP);
            if (used.isPresent()) {
                return (long) used.getAsDouble();
            }
        }
        AtomicBoolean going = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            load.execute(() -> {
                while (going.get()) {
                    admin.get("/api/nodes/");
                }
            });
        }
        double lowest = Double.MAX_VALUE;
        Instant end = Instant.now().plus(during);
        try {
            while (Instant.now().isBefore(end)) {
                OptionalDouble used = metric(USED_HEAP);
                if (used.isPresent()) {
                    lowest = Math.min(lowest, used.getAsDouble());
                }
                pause(200);
            }
        } finally {
            going.set(false);
            load.shutdown();
            try {
                load.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return (long) lowest;
    }

    /** The share of the machine's CPUs the server's process used lately (0 to 1), if the server says. */
    public OptionalDouble processCpu() {
        return metric(PROCESS_CPU);
    }

    public int processors() {
        return (int) metric("cpu_availableProcessors").orElse(1);
    }

    private OptionalDouble metric(String name) {
        Api.Response metrics = anonymous.get("/metrics?scope=base");
        if (metrics.status() != 200) {
            metrics = anonymous.get("/metrics");
        }
        return metrics.text()
                .lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
