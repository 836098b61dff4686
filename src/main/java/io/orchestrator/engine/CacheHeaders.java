package io.orchestrator.engine;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response-cache headers of a development-mode answer, read from the node's output: a node
 * whose answers may come from a cache (the llm node) lists its {@code candidates}, each with
 * {@code cached} (true when answered from the cache) and {@code cache_key} (absent or null when
 * the cache was not used). {@code X-Cache} is HIT when every cached candidate was a hit, and
 * {@code X-Cache-Key} lists their keys in candidate order, comma-separated as HTTP lists are.
 * Other nodes get no such headers.
 */
final class CacheHeaders {

    static final String OUTCOME = "X-Cache";
    static final String KEY = "X-Cache-Key";

    private CacheHeaders() {}

    static Map<String, String> of(JsonValue output) {
        if (!(output instanceof JsonObject object)
                || !(object.get("candidates") instanceof jakarta.json.JsonArray candidates)) {
            return Map.of();
        }
        List<String> keys = new ArrayList<>();
        boolean allHits = true;
        for (JsonValue candidate : candidates) {
            if (candidate instanceof JsonObject answer && answer.get("cache_key") instanceof JsonString key) {
                keys.add(key.getString());
                allHits &= answer.get("cached") == JsonValue.TRUE;
            }
        }
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(OUTCOME, allHits ? "HIT" : "MISS");
        headers.put(KEY, String.join(", ", keys));
        return headers;
    }
}
