package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.BrowserScript;
import io.orchestrator.it.support.RawHttp;
import io.orchestrator.it.support.SharedServer;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API's description is public at /openapi, as YAML or JSON, and its browsable page at
 * /openapi/ui/ comes from this server alone: Swagger UI's files are in the WAR, under the canvas's
 * strict Content-Security-Policy. The browser script then checks that the page works under that policy.
 */
class OpenApiIT {

    private final Api anonymous = SharedServer.anonymous();

    @Test
    void theDocumentIsPublicAsYamlOrJson() {
        Api.Response yaml = anonymous.get("/openapi");
        assertEquals(200, yaml.status(), yaml::toString);
        assertTrue(yaml.header("Content-Type").orElse("").startsWith("application/yaml"), yaml::toString);
        assertTrue(yaml.text().contains("openapi: 3.1.0"), "the document as written");

        JsonObject json = anonymous.get("/openapi?format=json").object(200);
        assertEquals("3.1.0", json.getString("openapi"));
        assertTrue(json.getJsonObject("paths").containsKey("/workflow/{id}/canvas_data/"));
        JsonObject health = anonymous.get("/api/health/").object(200);
        assertEquals(health.getString("version"), json.getJsonObject("info").getString("version"));

        Api.Response negotiated =
                anonymous.withHeader("Accept", "application/json").get("/openapi");
        assertEquals(json, negotiated.object(200), "Accept: application/json gives JSON");
    }

    @Test
    void anUnknownFormatIsRefusedInTheErrorShape() {
        anonymous.get("/openapi?format=xml").error(400, "INVALID_REQUEST");
    }

    @Test
    void thePageAndSwaggerUiFilesComeFromThisServer() {
        // The folder's address over plain HTTP/1.1: Liberty never finishes a welcome file's answer to a
        // client that offers an upgrade to HTTP/2, as the JDK's client does (browsers do not).
        RawHttp.Answer folder = RawHttp.send(SharedServer.get().baseUri(), "127.0.0.1", "GET", "/openapi/ui/");
        assertEquals(200, folder.status(), "/openapi/ui/ serves its index.html");
        Api.Response page = anonymous.get("/openapi/ui/index.html");
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.text().contains("swagger-ui-bundle.js"), page::toString);
        String policy = page.header("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe"), policy);
        for (String file : new String[] {"swagger-ui-bundle.js", "swagger-ui.css", "start.js", "page.css"}) {
            Api.Response asset = anonymous.get("/openapi/ui/" + file);
            assertEquals(200, asset.status(), file);
        }
    }

    @Test
    void swaggerUiListsEveryOperationAndTriesOneWithAToken() throws Exception {
        BrowserScript.run("openapi", Map.of());
    }
}
