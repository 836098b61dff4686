package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonObject;

/**
 * The cache's figures: entries and bytes are those not expired, in the database (all servers);
 * hits and misses are this server's since it started.
 */
public record CacheStats(long entries, long hits, long misses, long bytes) {

    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0.0 : (double) hits / lookups;
    }

    public JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("entries", entries)
                .add("hits", hits)
                .add("misses", misses)
                .add("hit_rate", Math.round(hitRate() * 10_000) / 10_000.0)
                .add("bytes", bytes)
                .build();
    }
}
