package io.orchestrator.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests per key (a token, a webhook's workflow, a webhook caller's address) per minute, counted
 * in fixed one-minute windows: cheap (one atomic increment), and the reset time it reports is
 * exact. A burst at a window's edge may reach twice the limit for a moment, which is acceptable for
 * protecting the server from a runaway client.
 *
 * <p>Callers' addresses are keys that strangers choose, so windows of past minutes are dropped once
 * there are many: the map holds at most the keys of one minute and of the one before it.
 */
@ApplicationScoped
public class RateLimiter {

    /** Below this many keys, past windows are left alone: dropping them would cost more than it frees. */
    private static final int PRUNE_ABOVE = 10_000;

    public record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {
        public long retryAfterSeconds(long nowEpochSeconds) {
            return Math.max(1, resetEpochSeconds - nowEpochSeconds);
        }

        /** The X-RateLimit-* headers the answer carries, and Retry-After when the call was refused. */
        public Map<String, String> headers(long nowMillis) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-RateLimit-Limit", Integer.toString(limit));
            headers.put("X-RateLimit-Remaining", Integer.toString(remaining));
            headers.put("X-RateLimit-Reset", Long.toString(resetEpochSeconds));
            if (!allowed) {
                headers.put("Retry-After", Long.toString(retryAfterSeconds(nowMillis / 1000)));
            }
            return headers;
        }
    }

    private record Window(long minute, AtomicInteger used) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong prunedInMinute = new AtomicLong(-1);
    private final int pruneAbove;

    public RateLimiter() {
        this(PRUNE_ABOVE);
    }

    RateLimiter(int pruneAbove) {
        this.pruneAbove = pruneAbove;
    }

    public Decision acquire(String key, int limit, long nowMillis) {
        long minute = nowMillis / 60_000;
        Window window = windows.compute(
                key,
                (k, current) -> current == null || current.minute() != minute
                        ? new Window(minute, new AtomicInteger())
                        : current);
        int used = window.used().incrementAndGet();
        if (used == 1) {
            pruneBefore(minute);
        }
        long reset = (minute + 1) * 60;
        return new Decision(used <= limit, limit, Math.max(0, limit - used), reset);
    }

    /** Whether one more request would be within the limit, without counting one. */
    public Decision check(String key, int limit, long nowMillis) {
        long minute = nowMillis / 60_000;
        Window window = windows.get(key);
        int used =
                window == null || window.minute() != minute ? 0 : window.used().get();
        long reset = (minute + 1) * 60;
        return new Decision(used < limit, limit, Math.max(0, limit - used), reset);
    }

    /** How many keys have a window; for tests. */
    int keys() {
        return windows.size();
    }

    /** At most once a minute, and only with many keys: one pass over them, not one per call. */
    private void pruneBefore(long minute) {
        long pruned = prunedInMinute.get();
        if (windows.size() > pruneAbove && pruned < minute && prunedInMinute.compareAndSet(pruned, minute)) {
            windows.values().removeIf(window -> window.minute() < minute);
        }
    }
}
