package io.orchestrator.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests per token per minute, counted in fixed one-minute windows: cheap (one atomic increment),
 * and the reset time it reports is exact. A burst at a window's edge may reach twice the limit for
 * a moment, which is acceptable for protecting the server from a runaway client.
 *
 * <p>The keys a caller does not choose (token ids) are few; client addresses are not, so the windows
 * kept are bounded: past {@link #MAX_KEYS} they are all forgotten at once, which ends the current
 * windows early for every key (one clear instead of a sweep per new key, so a flood of new keys
 * costs nothing more than it brings).
 */
@ApplicationScoped
public class RateLimiter {

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

    static final int MAX_KEYS = 100_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts a request for the key, and says whether it was within the limit. */
    public Decision acquire(String key, int limit, long nowMillis) {
        long minute = nowMillis / 60_000;
        if (windows.size() >= MAX_KEYS && !windows.containsKey(key)) {
            windows.clear();
        }
        Window window = windows.compute(
                key,
                (k, current) -> current == null || current.minute() != minute
                        ? new Window(minute, new AtomicInteger())
                        : current);
        return decision(window.used().incrementAndGet(), limit, minute, true);
    }

    /** Whether one more request would be within the limit, without counting one. */
    public Decision check(String key, int limit, long nowMillis) {
        long minute = nowMillis / 60_000;
        Window window = windows.get(key);
        int used =
                window == null || window.minute() != minute ? 0 : window.used().get();
        return decision(used + 1, limit, minute, false);
    }

    private static Decision decision(int used, int limit, long minute, boolean counted) {
        long reset = (minute + 1) * 60;
        int remaining = Math.max(0, limit - (counted ? used : used - 1));
        return new Decision(used <= limit, limit, remaining, reset);
    }

    int keyCount() {
        return windows.size();
    }
}
