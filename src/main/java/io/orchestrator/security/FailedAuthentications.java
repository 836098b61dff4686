package io.orchestrator.security;

import io.orchestrator.platform.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Wrong tokens per client address per minute. Past the limit, every attempt from that address is
 * refused until the minute ends, a right token included: were a right token let through, a guesser
 * would learn from the difference which guess was right. Tokens are 256 random bits, so guessing is
 * hopeless anyway; the limit keeps a guesser (or a misconfigured client retrying a revoked token)
 * from costing a database look-up per attempt. An IPv6 client is counted by its /64 network, the
 * block one subscriber is given, or a single machine could try from 2^64 addresses.
 */
@ApplicationScoped
public class FailedAuthentications {

    /** Its own windows, apart from the tokens' (a window per address that failed, pruned as minutes pass). */
    private final RateLimiter windows = new RateLimiter();

    @Inject
    OrchestratorConfig config;

    /** The refusal's decision (for Retry-After) when the address has failed too often this minute. */
    public Optional<RateLimiter.Decision> barred(String address, long nowMillis) {
        int limit = config.authFailureLimit();
        if (limit <= 0) {
            return Optional.empty();
        }
        RateLimiter.Decision next = windows.check(ClientAddress.key(address), limit, nowMillis);
        return next.allowed() ? Optional.empty() : Optional.of(next);
    }

    public void failed(String address, long nowMillis) {
        int limit = config.authFailureLimit();
        if (limit > 0) {
            windows.acquire(ClientAddress.key(address), limit, nowMillis);
        }
    }
}
