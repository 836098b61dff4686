package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import io.orchestrator.nodes.http.LocalHttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the server's http-request node sends where, against small HTTP servers the test starts. */
class HttpRequestNodeApiIT {

    private final Api api = SharedServer.admin();

    /** Runs one http-request node in development mode and answers its output. */
    private JsonObject call(String url, JsonObject headers) {
        TestWorkflow workflow = TestWorkflow.create(api, "http " + UUID.randomUUID());
        String node = workflow.addNode(
                        "http-request",
                        "Call",
                        Json.createObjectBuilder()
                                .add("url", url)
                                .add("headers", headers)
                                .build())
                .getString("id");
        JsonObject answer = api.post(
                        workflow.path("execute_and_save_node/"),
                        Json.createObjectBuilder().add("node_id", node).build())
                .object(200);
        assertTrue(answer.getBoolean("success"), answer::toString);
        return answer.getJsonObject("output");
    }

    @Test
    void aRedirectToAnotherOriginCarriesNoHeaderNamedLikeACredential() {
        try (LocalHttpServer first = new LocalHttpServer();
                LocalHttpServer other = new LocalHttpServer()) {
            // Another port is another origin, under the one name the shared server may call.
            first.handle(
                    "/moved",
                    exchange -> LocalHttpServer.respond(
                            exchange, 302, null, "", Map.of("Location", List.of(other.localhostUrl("/echo")))));
            JsonObject headers = Json.createObjectBuilder()
                    .add("Authorization", "Bearer s3cret")
                    .add("X-Api-Key", "s3cret")
                    .add("X-Auth-Token", "s3cret")
                    .add("Private-Token", "s3cret")
                    .add("X-Trace", "trace-1")
                    .build();

            JsonObject echoed = call(first.localhostUrl("/moved"), headers)
                    .getJsonObject("body")
                    .getJsonObject("headers");

            for (String credential : List.of("authorization", "x-api-key", "x-auth-token", "private-token")) {
                assertFalse(echoed.containsKey(credential), credential + " went to another origin: " + echoed);
            }
            assertEquals("trace-1", echoed.getString("x-trace"), echoed::toString);

            JsonObject direct = call(other.localhostUrl("/echo"), headers)
                    .getJsonObject("body")
                    .getJsonObject("headers");
            assertEquals("s3cret", direct.getString("x-api-key"), "sent where the node calls: " + direct);
        }
    }
}
