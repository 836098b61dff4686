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

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public Decision acquire(String key, int limit, long nowMillis) {
        long minute = nowMillis / 60_000;
        Window window = windows.compute(
                key,
                (k, current) -> current == null || current.minute() != minute
                        ? new Window(minute, new AtomicInteger())
                        : current);
        int used = window.used().incrementAndGet();
        long reset = (minute + 1) * 60;
        return new Decision(used <= limit, limit, Math.max(0, limit - used), reset);
    }
}
