package io.orchestrator.security;

import io.orchestrator.platform.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a bearer token against the stored hashes. Known tokens are cached for a few seconds so
 * that the database is not asked on every request; revoking on this server evicts at once, and
 * another server sharing the database sees a revocation within {@link #CACHE_TTL}.
 * "Last used" is written at most once a minute per token.
 */
@ApplicationScoped
public class TokenAuthenticator {

    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;

    private record Entry(ApiToken token, Instant loadedAt) {}

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

    @Inject
    ApiTokenRepository tokens;

    @Inject
    OrchestratorConfig config;

    public Optional<Caller> authenticate(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 512) {
            return Optional.empty();
        }
        String hash = TokenSecrets.hash(presented);
        Instant now = Instant.now();
        Entry entry = byHash.get(hash);
        if (entry == null || entry.loadedAt().plus(CACHE_TTL).isBefore(now)) {
            Optional<ApiToken> stored = tokens.findByHash(hash);
            if (stored.isEmpty()) {
                byHash.remove(hash);
                return Optional.empty();
            }
            if (byHash.size() >= MAX_CACHED) {
                byHash.clear();
            }
            entry = new Entry(stored.get(), now);
            byHash.put(hash, entry);
        }
        ApiToken token = entry.token();
        if (!token.isUsableAt(now)) {
            return Optional.empty();
        }
        recordUse(token.id(), now);
        int limit = token.rateLimit() != null ? token.rateLimit() : config.rateLimitPerMinute();
        return Optional.of(new Caller(token.id(), token.name(), token.role(), limit, token.workspaces()));
    }

    public void evict(String tokenHash) {
        byHash.remove(tokenHash);
    }

    private void recordUse(String tokenId, Instant now) {
        Instant previous = lastTouched.get(tokenId);
        if (previous == null || previous.plus(TOUCH_INTERVAL).isBefore(now)) {
            lastTouched.put(tokenId, now);
            tokens.touch(tokenId, now);
        }
    }
}
