package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EngineWorkersTest {

    @Test
    void anAttemptUnderWayFinishesWithinTheDrainAndNoNewWorkIsTaken() throws Exception {
        EngineWorkers workers = new EngineWorkers(2, new EngineHarness.DaemonThreads());
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        workers.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException cut) {
                interrupted.set(true);
            }
        });
        assertTrue(started.await(2, TimeUnit.SECONDS));

        workers.shutdown(Duration.ofSeconds(5));

        assertTrue(finished.get(), "the attempt under way finished");
        assertFalse(interrupted.get(), "and was not interrupted");
        assertTrue(workers.draining());
        assertFalse(workers.execute(() -> {}), "a stopping server takes no more work");
    }

    @Test
    void anAttemptLongerThanTheDrainIsInterruptedAtItsEnd() throws Exception {
        EngineWorkers workers = new EngineWorkers(1, new EngineHarness.DaemonThreads());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        workers.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException cut) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(2, TimeUnit.SECONDS));
        long before = System.nanoTime();

        workers.shutdown(Duration.ofMillis(200));

        assertTrue(interrupted.await(2, TimeUnit.SECONDS), "interrupted once the drain was over");
        assertTrue(System.nanoTime() - before >= TimeUnit.MILLISECONDS.toNanos(200), "not before the drain's end");
    }
}
