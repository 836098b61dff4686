package io.orchestrator.llm;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/**
 * The llm node's response cache, kept in the database: a candidate whose request was answered
 * before (same connection, model, messages, parameters and candidate index) is answered from here
 * without calling a model, until its time to live ends.
 */
public interface ResponseCache {

    /** Where an entry belongs, so that it can be cleared by workspace or by workflow. */
    record Scope(String workspace, String workflowId) {}

    /** The entry's key: SHA-256 (hex) of the connection, model, messages, parameters and candidate index. */
    String key(String connectionId, String model, JsonArray messages, JsonObject parameters, int candidateIndex);

    /** The answer stored under the key if it has not expired; counts a hit or a miss. */
    Optional<CachedAnswer> find(String key);

    void store(String key, Scope scope, String connectionId, String model, CachedAnswer answer, Duration timeToLive);
}
