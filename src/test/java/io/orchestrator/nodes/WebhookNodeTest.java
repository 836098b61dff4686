package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookNodeTest {

    private static final String BAD_PATH =
            "Use letters, digits, . _ ~ - and / between segments (at most 200 characters).";

    private final WebhookNode type = new WebhookNode();

    private JsonObject pathProblems(String path) {
        return problems(type, "{'path': '" + path + "'}");
    }

    @Test
    void acceptsPathsOfUnreservedCharactersInSegments() {
        for (String path : List.of("orders", "v1/orders.new", "a-b_c~d/e", "A1")) {
            assertEquals(object("{}"), pathProblems(path), path);
        }
    }

    @Test
    void refusesEmptySegmentsAndLeadingOrTrailingSlashes() {
        for (String path : List.of("", "/orders", "orders/", "v1//orders")) {
            assertEquals(reported("path", BAD_PATH), pathProblems(path), path);
        }
    }

    @Test
    void refusesCharactersOutsideTheUnreservedSet() {
        for (String path : List.of("new orders", "orders?x=1", "caf\u00e9", "a%20b")) {
            assertEquals(reported("path", BAD_PATH), pathProblems(path), path);
        }
    }

    @Test
    void acceptsAPathOfTwoHundredCharactersButNotMore() {
        assertEquals(object("{}"), pathProblems("p".repeat(200)));
        assertEquals(reported("path", BAD_PATH), pathProblems("p".repeat(201)));
    }

    @Test
    void aNewWebhookGetsARandomUuidPathAndTheDefaults() {
        JsonObject values = type.initialValues(object("{}"));
        assertEquals(List.of("method", "response_mode", "path"), List.copyOf(values.keySet()));
        assertEquals("POST", values.getString("method"));
        assertEquals("on_received", values.getString("response_mode"));
        String path = values.getString("path");
        assertEquals(path, UUID.fromString(path).toString());
        assertEquals(object("{}"), problems(type, values));
    }

    @Test
    void twoNewWebhooksGetDifferentPaths() {
        assertNotEquals(
                type.initialValues(object("{}")).getString("path"),
                type.initialValues(object("{}")).getString("path"));
    }

    @Test
    void aGivenPathIsKept() {
        assertEquals(
                object("{'path': 'mine', 'method': 'PUT', 'response_mode': 'on_received'}"),
                type.initialValues(object("{'path': 'mine', 'method': 'PUT'}")));
    }
}
