package io.orchestrator.security;

import io.orchestrator.platform.RequestBody;
import io.orchestrator.platform.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a token creation body says about the new token: its name, rate limit and expiry. */
public record TokenRequest(String name, Integer rateLimit, Instant expiresAt) {

    /** Reads the fields, adding a message per bad one to the body's errors (the caller validates). */
    public static TokenRequest read(RequestBody body) {
        String name = body.requiredText("name", 200);
        Integer rateLimit =
                body.integer("rate_limit", 1, 1_000_000).map(Long::intValue).orElse(null);
        return new TokenRequest(name, rateLimit, expiry(body));
    }

    private static Instant expiry(RequestBody body) {
        Optional<Long> days = body.integer("expires_in_days", 1, 3650);
        if (days.isPresent()) {
            return Instant.now().plus(Duration.ofDays(days.get()));
        }
        Optional<String> at = body.text("expires_at", 40);
        if (at.isEmpty()) {
            return null;
        }
        Optional<Instant> parsed = Timestamps.parse(at.get());
        if (parsed.isEmpty()) {
            body.errors().add("expires_at", "Must be an ISO-8601 instant such as 2030-01-01T00:00:00Z.");
            return null;
        }
        if (!parsed.get().isAfter(Instant.now())) {
            body.errors().add("expires_at", "Must be in the future.");
        }
        return parsed.get();
    }
}
