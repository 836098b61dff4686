package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ShortLivedCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final ShortLivedCache<String, String> cache = new ShortLivedCache<>(5_000, 3, now::get);
    private final List<String> loads = new ArrayList<>();
    private final Function<String, String> load = key -> {
        loads.add(key);
        return key + "#" + loads.size();
    };

    @Test
    void servesWhatItLoadedUntilTheTimeToLiveIsOver() {
        assertEquals("a#1", cache.get("a", load));
        now.addAndGet(4_999);
        assertEquals("a#1", cache.get("a", load));
        now.addAndGet(1);
        assertEquals("a#2", cache.get("a", load));
        assertEquals(List.of("a", "a"), loads);
    }

    @Test
    void manyMissesOfOneKeyAtOnceLoadItOnce() throws Exception {
        AtomicInteger loading = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(8);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(threads.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return cache.get("workflow", key -> {
                        loading.incrementAndGet();
                        sleep(200);
                        return "graph";
                    });
                }));
            }
            for (Future<String> each : got) {
                assertEquals("graph", each.get(10, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, loading.get(), "the later misses are served what the first load stored");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anInvalidatedKeyLoadsAgainAndTheOthersStay() {
        cache.get("a", load);
        cache.get("b", load);
        cache.invalidate("a");
        assertEquals("a#3", cache.get("a", load));
        assertEquals("b#2", cache.get("b", load));
        cache.invalidateAll();
        assertEquals("b#4", cache.get("b", load));
    }

    @Test
    void aLoadThatRacedWithAnInvalidationIsNotServedAfterwards() {
        // The load reads the old value, then the change lands, then the load stores what it read.
        assertEquals("a#1", cache.get("a", key -> {
            String read = load.apply(key);
            cache.invalidate(key);
            return read;
        }));
        assertEquals("a#2", cache.get("a", load), "the stale value was stored under an old generation");
        assertEquals("a#2", cache.get("a", load));

        assertEquals("b#3", cache.get("b", key -> {
            String read = load.apply(key);
            cache.invalidateAll();
            return read;
        }));
        assertEquals("b#4", cache.get("b", load));
    }

    @Test
    void invalidatingManyKeysKeepsFewCountersAndStillRefusesARacingLoad() {
        for (int i = 0; i < 1_000; i++) {
            cache.invalidate("deleted workflow " + i);
        }
        assertTrue(cache.rememberedGenerations() <= 3, "one counter per invalidated key, never dropped");

        // Its own invalidation and then enough others to drop every counter land while the load runs.
        assertEquals("a#1", cache.get("a", key -> {
            String read = load.apply(key);
            cache.invalidate(key);
            for (int i = 0; i < 10; i++) {
                cache.invalidate("other " + i);
            }
            return read;
        }));
        assertEquals("a#2", cache.get("a", load), "the stale value was served after the counters were dropped");
        assertEquals("a#2", cache.get("a", load));
    }

    @Test
    void aFailedLoadIsNotCachedAndAFullCacheStartsOver() {
        assertThrows(
                IllegalStateException.class,
                () -> cache.get("a", key -> {
                    throw new IllegalStateException("no such workflow");
                }));
        assertEquals("a#1", cache.get("a", load));
        cache.get("b", load);
        cache.get("c", load);
        cache.get("d", load);
        assertEquals("a#5", cache.get("a", load), "the fourth entry emptied the cache");
    }
}
