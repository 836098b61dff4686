package io.orchestrator.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The application's one JSON-P provider: use {@code JSON.createObjectBuilder()} and friends instead
 * of {@code Json.createObjectBuilder()}. Every static method of {@code jakarta.json.Json} looks the
 * provider up again through {@code ServiceLoader}, which under Liberty's class loaders cost about
 * as much as building the JSON itself: half of the server's CPU time in the canvas benchmark
 * (docs/PERFORMANCE.md). The provider is safe for concurrent use, and its Javadoc recommends caching it.
 */
public final class Jsonp {

    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {}
}
