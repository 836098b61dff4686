package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.ServerProcess;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets stored in clear before they were sealed (a webhook's secret in its node and in the graph
 * of a run) are sealed at the next start, with the key of ORCHESTRATOR_SECRET_KEY, and still work.
 */
class SecretsAtRestIT {

    private static final String DATABASE = "orchestrator_it_secrets" + System.getProperty("it.db.suffix", "");
    private static final String TOKEN = "it-secrets-token-0123456789abcdef";
    private static final String LEGACY = "legacy-clear-secret";

    private static ServerProcess server;

    @BeforeAll
    static void start() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        server = ServerProcess.named("secrets")
                .port(ServerProcess.port(4))
                .freshMariaDb(DATABASE)
                .env("ORCHESTRATOR_ADMIN_TOKEN", TOKEN)
                .env("ORCHESTRATOR_SECRET_KEY", Base64.getEncoder().encodeToString(key))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void clearSecretsLeftFromBeforeAreSealedAtStartAndStillAcceptTheirCallers() {
        Api api = new Api(server.baseUri(), TOKEN);
        String path = "it/legacy";
        TestWorkflow workflow = TestWorkflow.create(api, "legacy webhook");
        String hook = workflow.addNode(
                        "webhook",
                        "Hook",
                        Json.createObjectBuilder()
                                .add("path", path)
                                .add("secret", LEGACY)
                                .build())
                .getString("id");
        api.patch(workflow.path(), "{\"active\": true}").object(200);
        Api caller = new Api(server.baseUri(), null).withHeader("X-Webhook-Secret", LEGACY);
        assertEquals(202, caller.post("/api/hooks/" + path, "{}").status());

        server.stop();
        String sealed = formValues(hook).getString("secret");
        assertTrue(sealed.startsWith("enc:v1:"), sealed);
        JsonObject clear =
                Json.createObjectBuilder(formValues(hook)).add("secret", LEGACY).build();
        MariaDb.update(DATABASE, "UPDATE workflow_node SET form_values = ? WHERE id = ?", clear.toString(), hook);
        int graphsInClear = MariaDb.update(
                DATABASE,
                "UPDATE workflow_snapshot SET graph = REPLACE(graph, ?, ?) WHERE workflow_id = ?",
                sealed,
                LEGACY,
                workflow.id());
        assertTrue(graphsInClear >= 1, "the run's graph had the sealed secret");
        assertTrue(graphs(workflow).contains(LEGACY), "the run graph holds the secret in clear, as before sealing");

        server.start();
        String resealed = formValues(hook).getString("secret");
        assertTrue(resealed.startsWith("enc:v1:"), resealed);
        assertFalse(graphs(workflow).contains(LEGACY), graphs(workflow));
        assertTrue(graphs(workflow).contains("enc:v1:"));
        assertEquals(202, caller.post("/api/hooks/" + path, "{}").status());
        new Api(server.baseUri(), null)
                .withHeader("X-Webhook-Secret", "wrong")
                .post("/api/hooks/" + path, "{}")
                .error(401, "UNAUTHORIZED");

        server.restart();
        assertEquals(resealed, formValues(hook).getString("secret"), "a second start changes nothing");
    }

    private static JsonObject formValues(String nodeId) {
        return Api.parse((String)
                        MariaDb.queryValue(DATABASE, "SELECT form_values FROM workflow_node WHERE id = ?", nodeId))
                .asJsonObject();
    }

    private static String graphs(TestWorkflow workflow) {
        return String.valueOf(MariaDb.queryValue(
                DATABASE, "SELECT GROUP_CONCAT(graph) FROM workflow_snapshot WHERE workflow_id = ?", workflow.id()));
    }
}
