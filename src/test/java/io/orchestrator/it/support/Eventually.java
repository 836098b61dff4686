package io.orchestrator.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for what a server does on its own threads: a run that ends, a call that arrives. */
public final class Eventually {

    private static final long POLL_MILLIS = 100;

    private Eventually() {}

    /** Returns once the condition holds; fails the test after the timeout, saying what was last seen. */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> lastSeen) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + "; last seen: " + lastSeen.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", interrupted);
            }
        }
    }
}
