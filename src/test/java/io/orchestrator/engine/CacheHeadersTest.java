package io.orchestrator.engine;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheHeadersTest {

    @Test
    void everyCandidateFromTheCacheIsAHitAndTheKeysFollowTheCandidates() {
        assertEquals(
                Map.of("X-Cache", "HIT", "X-Cache-Key", "k1, k2"),
                CacheHeaders.of(json("{'text':'a','candidates':[{'cached':true,'cache_key':'k1'},"
                        + "{'cached':true,'cache_key':'k2'}]}")));
    }

    @Test
    void oneCandidateThatCalledItsModelMakesAMiss() {
        assertEquals(
                Map.of("X-Cache", "MISS", "X-Cache-Key", "k1, k2"),
                CacheHeaders.of(json(
                        "{'candidates':[{'cached':true,'cache_key':'k1'}," + "{'cached':false,'cache_key':'k2'}]}")));
    }

    @Test
    void candidatesWithoutAKeyDidNotUseTheCacheAndAreLeftOut() {
        assertEquals(
                Map.of("X-Cache", "HIT", "X-Cache-Key", "k2"),
                CacheHeaders.of(json(
                        "{'candidates':[{'cached':false,'cache_key':null}," + "{'cached':true,'cache_key':'k2'}]}")));
        assertEquals(Map.of(), CacheHeaders.of(json("{'candidates':[{'cached':false}]}")), "cache off");
    }

    @Test
    void anOutputWithoutCandidatesHasNoCacheHeaders() {
        assertEquals(Map.of(), CacheHeaders.of(json("{'text':'a'}")));
        assertEquals(Map.of(), CacheHeaders.of(json("{'candidates':'not a list'}")));
        assertEquals(Map.of(), CacheHeaders.of(json("[1,2]")));
        assertEquals(Map.of(), CacheHeaders.of(JsonValue.NULL));
        assertEquals(Map.of(), CacheHeaders.of(null));
    }
}
