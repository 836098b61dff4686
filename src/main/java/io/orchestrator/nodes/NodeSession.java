package io.orchestrator.nodes;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * The state a run carries from node to node, and development mode from call to call under one
 * {@code session_id}. Changes are saved with the node execution that made them.
 */
public interface NodeSession {

    String id();

    JsonObject variables();

    /** Sets these variables over the current ones. */
    void putVariables(JsonObject values);

    /** The cookie jar as stored: a list of cookie objects (see nodes.http.CookieJar). */
    JsonArray cookies();

    void replaceCookies(JsonArray cookies);
}
