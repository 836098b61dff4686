package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.OrchestratorConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunAdmissionTest {

    /** How many runs the engine holds; the admission asks only for the size of the collection. */
    private final AtomicInteger held = new AtomicInteger();

    private final RunAdmission admission = admissionWithLimit(3);

    @Test
    void startsAtOnceBelowTheLimit() {
        hold(2);

        admission.awaitRoom();

        assertEquals(2, held.get());
    }

    @Test
    void waitsUntilARunLeavesMemory() throws InterruptedException {
        hold(3);
        CountDownLatch waiting = new CountDownLatch(1);
        Thread leaving = new Thread(() -> {
            try {
                waiting.await();
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                return;
            }
            held.decrementAndGet();
        });
        leaving.start();
        waiting.countDown();

        admission.awaitRoom();

        assertEquals(2, held.get(), "it returned only once a run had left");
        leaving.join(TimeUnit.SECONDS.toMillis(5));
    }

    @Test
    void refusesWith503AfterWaitingInVain() {
        hold(3);
        admission.patience = Duration.ofMillis(50);

        ApiException refused = assertThrows(ApiException.class, admission::awaitRoom);

        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, refused.code());
        assertTrue(refused.getMessage().contains("ORCHESTRATOR_MAX_RUNS_IN_MEMORY"), refused.getMessage());
        assertEquals(3, refused.details().getInt("runs_in_memory"));
        assertEquals(3, refused.details().getInt("limit"));
    }

    private void hold(int runs) {
        held.set(runs);
    }

    private RunAdmission admissionWithLimit(int limit) {
        RunAdmission made = new RunAdmission();
        made.engine = new RunEngine() {
            @Override
            Collection<LiveRun> liveRuns() {
                return Collections.nCopies(held.get(), null);
            }
        };
        made.config = new OrchestratorConfig() {
            @Override
            public int maxRunsInMemory() {
                return limit;
            }
        };
        return made;
    }
}
