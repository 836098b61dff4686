package io.orchestrator.engine;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids are time-ordered UUIDs (version 7: milliseconds since the epoch, then random bits). The
 * run and node_execution tables are keyed by run id, and InnoDB keeps rows in key order: random ids
 * scatter thousands of inserts a second over the whole table, so that once it outgrows the buffer
 * pool every insert reads a page from disk; ordered ids land at its end. The random part keeps ids
 * from one millisecond apart; run ids are not secrets (every run endpoint needs a token).
 */
public final class RunIds {

    private RunIds() {}

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
