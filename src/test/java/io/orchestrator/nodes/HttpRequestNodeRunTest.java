package io.orchestrator.nodes;

import static io.orchestrator.nodes.http.LocalHttpServer.respond;
import static io.orchestrator.testing.JsonLiterals.json;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.nodes.http.AddressGuard;
import io.orchestrator.nodes.http.LiteralNodeCall;
import io.orchestrator.nodes.http.LiteralNodeCall.MemorySession;
import io.orchestrator.nodes.http.LocalHttpServer;
import io.orchestrator.nodes.http.OutboundHttp;
import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The http-request node run against a real server on 127.0.0.1, which its guard is told to allow. */
class HttpRequestNodeRunTest {

    private final LocalHttpServer server = new LocalHttpServer();
    private final HttpRequestNode node = nodeAllowing("127.0.0.1");

    private static HttpRequestNode nodeAllowing(String allow) {
        HttpRequestNode node = new HttpRequestNode();
        node.outbound = new OutboundHttp(AddressGuard.allowing(allow), OutboundHttp.MAX_BODY_BYTES);
        return node;
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Form values in single-quoted JSON, with {@code URL(/path)} standing for the test server's URL. */
    private JsonObject form(String singleQuoted) {
        return object(singleQuoted.replace("URL(", "'" + server.url("")).replace(")URL", "'"));
    }

    private JsonObject run(String formValues) throws NodeFailure {
        return node.execute(new LiteralNodeCall(form(formValues))).output().asJsonObject();
    }

    private NodeFailure failure(String formValues) {
        return assertThrows(NodeFailure.class, () -> node.execute(new LiteralNodeCall(form(formValues))));
    }

    @Test
    void getsWithQueryParametersAndHeaders() throws NodeFailure {
        JsonObject output = run("{'method': 'GET', 'url': URL(/echo?page=1)URL,"
                + " 'query': {'q': 'big orders & more', 'tag': ['a', 'b'], 'limit': 5, 'skip': null},"
                + " 'headers': {'X-Api-Key': 'k-123', 'Accept': 'application/json'}}");
        assertEquals(200, output.getInt("status"));
        JsonObject echoed = output.getJsonObject("body");
        assertEquals("GET", echoed.getString("method"));
        assertEquals("page=1&q=big%20orders%20%26%20more&tag=a&tag=b&limit=5", echoed.getString("query"));
        assertEquals("k-123", echoed.getJsonObject("headers").getString("x-api-key"));
        assertEquals("application/json", echoed.getJsonObject("headers").getString("accept"));
        assertFalse(echoed.getJsonObject("headers").containsKey("upgrade"), "no h2c upgrade in clear text");
    }

    @Test
    void postsAJsonBodyAsJson() throws NodeFailure {
        JsonObject echoed = run("{'method': 'POST', 'url': URL(/echo)URL,"
                        + " 'body': {'order': 42, 'items': ['a', 'b'], 'paid': true}}")
                .getJsonObject("body");
        assertEquals("POST", echoed.getString("method"));
        assertEquals(object("{'order': 42, 'items': ['a', 'b'], 'paid': true}"), json(echoed.getString("body")));
        assertEquals("application/json", echoed.getJsonObject("headers").getString("content-type"));
    }

    @Test
    void sendsAStringBodyAsItIs() throws NodeFailure {
        JsonObject echoed = run("{'method': 'PUT', 'url': URL(/echo)URL, 'body': 'a=1&b=2',"
                        + " 'headers': {'Content-Type': 'application/x-www-form-urlencoded'}}")
                .getJsonObject("body");
        assertEquals("a=1&b=2", echoed.getString("body"));
        assertEquals(
                "application/x-www-form-urlencoded",
                echoed.getJsonObject("headers").getString("content-type"));

        JsonObject plain =
                run("{'method': 'POST', 'url': URL(/echo)URL, 'body': 'hello'}").getJsonObject("body");
        assertEquals("text/plain; charset=utf-8", plain.getJsonObject("headers").getString("content-type"));
    }

    @Test
    void outputsJsonBodiesAsJsonAndOthersAsText() throws NodeFailure {
        server.handle("/json", exchange -> respond(exchange, 200, "application/problem+json", "{\"a\": [1, 2]}"));
        server.handle("/untyped", exchange -> respond(exchange, 200, null, " [true] "));
        server.handle("/html", exchange -> respond(exchange, 200, "text/html; charset=utf-8", "{<b>not json</b>}"));
        server.handle("/broken", exchange -> respond(exchange, 200, "application/json", "{oops"));
        server.handle("/empty", exchange -> respond(exchange, 204, null, ""));

        assertEquals(json("{'a': [1, 2]}"), run("{'url': URL(/json)URL}").get("body"));
        assertEquals(json("[true]"), run("{'url': URL(/untyped)URL}").get("body"));
        assertEquals(json("'{<b>not json</b>}'"), run("{'url': URL(/html)URL}").get("body"));
        assertEquals(json("'{oops'"), run("{'url': URL(/broken)URL}").get("body"));
        assertEquals(JsonValue.NULL, run("{'url': URL(/empty)URL}").get("body"));
    }

    @Test
    void outputsHeadersWithLowerCaseNamesAndListsForRepeatedOnes() throws NodeFailure {
        server.handle(
                "/headers",
                exchange -> respond(
                        exchange,
                        200,
                        "text/plain",
                        "ok",
                        Map.of("X-Single", List.of("one"), "X-Multi", List.of("a", "b"))));
        JsonObject headers = run("{'url': URL(/headers)URL}").getJsonObject("headers");
        assertEquals("one", headers.getString("x-single"));
        assertEquals(json("['a', 'b']"), headers.get("x-multi"));
        assertEquals("text/plain", headers.getString("content-type"));
    }

    @Test
    void aServerErrorFailsTheNodeWithTheResponseAsDetails() {
        server.handle(
                "/down",
                exchange -> respond(
                        exchange,
                        503,
                        "application/json",
                        "{\"message\": \"maintenance until noon\"}",
                        Map.of("Retry-After", List.of("120"))));
        NodeFailure failure = failure("{'url': URL(/down)URL}");
        assertEquals(ErrorType.HTTP, failure.errorType());
        assertEquals("HTTP 503 from 127.0.0.1: Service Unavailable: maintenance until noon", failure.getMessage());
        assertEquals(503, failure.details().getInt("status"));
        assertEquals("120", failure.details().getJsonObject("headers").getString("retry-after"));
        assertEquals(
                object("{'message': 'maintenance until noon'}"),
                failure.details().get("body"));
    }

    @Test
    void aClientErrorFailsTheNodeToo() {
        server.handle("/missing", exchange -> respond(exchange, 404, "text/plain", "no such order\nsecond line"));
        NodeFailure failure = failure("{'url': URL(/missing)URL}");
        assertEquals("HTTP 404 from 127.0.0.1: Not Found: no such order", failure.getMessage());
        assertEquals(json("'no such order\\nsecond line'"), failure.details().get("body"));
    }

    @Test
    void timesOutWithTheShorterOfItsTimeoutAndTheAttemptsTime() {
        server.handle("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "text/plain", "late");
        });
        NodeFailure own = failure("{'url': URL(/slow)URL, 'timeout_ms': 200}");
        assertEquals(ErrorType.TIMEOUT, own.errorType());
        assertEquals("No complete response from 127.0.0.1 within 200 ms.", own.getMessage());

        LiteralNodeCall almostOutOfTime =
                new LiteralNodeCall(form("{'url': URL(/slow)URL, 'timeout_ms': 30000}"), new MemorySession(), 150);
        NodeFailure attempts = assertThrows(NodeFailure.class, () -> node.execute(almostOutOfTime));
        assertEquals("No complete response from 127.0.0.1 within 150 ms.", attempts.getMessage());
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NodeFailure failure = failure("{'url': 'http://127.0.0.1:" + closedPort + "/'}");
        assertEquals(ErrorType.CONNECTION, failure.errorType());
        assertTrue(
                failure.getMessage().startsWith("Could not connect to 127.0.0.1:" + closedPort), failure.getMessage());
    }

    @Test
    void keepsCookiesInTheSessionForTheNextCall() throws NodeFailure {
        server.handle(
                "/login",
                exchange -> respond(
                        exchange,
                        200,
                        "text/plain",
                        "welcome",
                        Map.of("Set-Cookie", List.of("sid=abc; Path=/; HttpOnly", "lang=en; Path=/"))));
        MemorySession session = new MemorySession();
        node.execute(new LiteralNodeCall(form("{'url': URL(/login)URL}"), session, 10_000));

        assertEquals(1, session.cookieWrites());
        assertEquals(
                json("[{'name': 'sid', 'value': 'abc', 'domain': '127.0.0.1', 'path': '/', 'expires': null,"
                        + " 'secure': false, 'http_only': true, 'host_only': true},"
                        + " {'name': 'lang', 'value': 'en', 'domain': '127.0.0.1', 'path': '/', 'expires': null,"
                        + " 'secure': false, 'http_only': false, 'host_only': true}]"),
                session.cookies());

        // The session as the engine would store and load it: only its JSON array goes from call to call.
        MemorySession reloaded = new MemorySession();
        reloaded.replaceCookies(json(session.cookies().toString()).asJsonArray());
        JsonObject echoed = node.execute(new LiteralNodeCall(form("{'url': URL(/echo)URL}"), reloaded, 10_000))
                .output()
                .asJsonObject()
                .getJsonObject("body");
        assertEquals("sid=abc; lang=en", echoed.getJsonObject("headers").getString("cookie"));
        assertEquals(1, reloaded.cookieWrites());
    }

    @Test
    void keepsCookiesSetByAFailingResponse() {
        server.handle(
                "/denied",
                exchange -> respond(
                        exchange,
                        401,
                        "text/plain",
                        "log in first",
                        Map.of("Set-Cookie", List.of("attempt=1; Path=/"))));
        MemorySession session = new MemorySession();
        assertThrows(
                NodeFailure.class,
                () -> node.execute(new LiteralNodeCall(form("{'url': URL(/denied)URL}"), session, 10_000)));
        assertEquals("attempt", session.cookies().getJsonObject(0).getString("name"));
    }

    @Test
    void refusesAPrivateAddressUnlessTheServerAllowsIt() {
        HttpRequestNode strict = nodeAllowing("");
        for (String url : List.of(
                server.url("/echo"),
                "http://10.0.0.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/",
                "http://0.0.0.0/")) {
            NodeFailure failure = assertThrows(
                    NodeFailure.class,
                    () -> strict.execute(new LiteralNodeCall(object("{'url': '" + url + "'}"))),
                    url);
            assertEquals(ErrorType.FORBIDDEN_ADDRESS, failure.errorType(), url);
            assertTrue(failure.getMessage().contains("ORCHESTRATOR_HTTP_ALLOW"), failure.getMessage());
        }
    }

    @Test
    void aCidrRangeInTheAllowListLetsTheCallThrough() throws NodeFailure {
        HttpRequestNode allowingLoopback = nodeAllowing("10.0.0.0/8, 127.0.0.0/8");
        JsonObject output = allowingLoopback
                .execute(new LiteralNodeCall(form("{'url': URL(/echo)URL}")))
                .output()
                .asJsonObject();
        assertEquals(200, output.getInt("status"));
    }

    private HttpRequestNode withConnections(ConnectionSettings... settings) {
        Map<String, ConnectionSettings> byId = new java.util.HashMap<>();
        for (ConnectionSettings connection : settings) {
            byId.put(connection.id(), connection);
        }
        node.connections = id -> Optional.ofNullable(byId.get(id));
        return node;
    }

    private static ConnectionSettings http(String id, String baseUrl, String secret, String headers, String defaults) {
        return new ConnectionSettings(
                id,
                "conn " + id,
                ConnectionKind.HTTP,
                baseUrl,
                secret,
                object(headers),
                JsonValue.EMPTY_JSON_ARRAY,
                JsonValue.EMPTY_JSON_OBJECT,
                object(defaults),
                "default");
    }

    private JsonObject echoedHeaders(String formValues) throws NodeFailure {
        return run(formValues).getJsonObject("body").getJsonObject("headers");
    }

    @Test
    void aConnectionsSecretGoesOutAsABearerTokenWithItsHeadersTheNodesOwnWinning() throws NodeFailure {
        withConnections(http("crm", null, "tok-1", "{'X-Team': 'ops', 'X-Env': 'prod'}", "{}"));
        JsonObject headers = echoedHeaders("{'url': URL(/echo)URL, 'connection': 'crm', 'headers': {'x-env': 'test'}}");
        assertEquals("Bearer tok-1", headers.getString("authorization"));
        assertEquals("ops", headers.getString("x-team"));
        assertEquals("test", headers.getString("x-env"));
    }

    @Test
    void aConnectionMaySendItsSecretAsBasicAuthOrInAHeaderOfItsChoice() throws NodeFailure {
        withConnections(
                http("basic", null, "ann:pw", "{}", "{'auth': 'basic'}"),
                http("key", null, "k-9", "{}", "{'auth': 'header', 'header_name': 'X-Api-Key'}"));
        assertEquals(
                "Basic YW5uOnB3",
                echoedHeaders("{'url': URL(/echo)URL, 'connection': 'basic'}").getString("authorization"));
        JsonObject keyed = echoedHeaders("{'url': URL(/echo)URL, 'connection': 'key'}");
        assertEquals("k-9", keyed.getString("x-api-key"));
        assertFalse(keyed.containsKey("authorization"));
    }

    @Test
    void aRelativeUrlIsJoinedToTheConnectionsBaseUrl() throws NodeFailure {
        withConnections(http("api", server.url("/echo/"), "t", "{}", "{}"));
        JsonObject echoed =
                run("{'url': '/v1/items?page=2', 'connection': 'api'}").getJsonObject("body");
        assertEquals("/echo/v1/items", echoed.getString("path"));
        assertEquals("page=2", echoed.getString("query"));
    }

    @Test
    void anUnknownConnectionOrOneOfAnotherKindFailsTheNodeAsValidation() {
        withConnections(new ConnectionSettings(
                "llm",
                "Model server",
                ConnectionKind.OPENAI,
                "http://x/v1",
                "s",
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_ARRAY,
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_OBJECT,
                "default"));
        NodeFailure unknown = failure("{'url': URL(/echo)URL, 'connection': 'gone'}");
        assertEquals(ErrorType.VALIDATION, unknown.errorType());
        assertTrue(unknown.getMessage().contains("'gone' does not exist"), unknown.getMessage());
        NodeFailure wrongKind = failure("{'url': URL(/echo)URL, 'connection': 'llm'}");
        assertEquals(ErrorType.VALIDATION, wrongKind.errorType());
        assertTrue(wrongKind.getMessage().contains("kind openai"), wrongKind.getMessage());
    }

    @Test
    void aLiteralConnectionIdIsCheckedAtSave() {
        withConnections(http("crm", null, "t", "{}", "{}"));
        FieldErrors errors = new FieldErrors();
        node.checkValues(object("{'url': '/relative', 'connection': 'crm'}"), errors);
        assertTrue(errors.isEmpty(), errors.toJson()::toString);
        node.checkValues(form("{'url': URL(/echo)URL, 'connection': 'nope'}"), errors);
        assertTrue(errors.toJson().containsKey("connection"), errors.toJson()::toString);
        FieldErrors templated = new FieldErrors();
        node.checkValues(object("{'url': '/x', 'connection': '${input.conn}'}"), templated);
        assertTrue(templated.isEmpty(), templated.toJson()::toString);
    }

    @Test
    void refusesValuesTheFormCouldNotCheckBeforeTheRun() {
        assertEquals(
                "url is required: the URL to call.",
                failure("{'method': 'GET'}").getMessage());
        assertEquals(
                "url 'ftp://example.com/': Must be an absolute http:// or https:// URL.",
                failure("{'url': 'ftp://example.com/'}").getMessage());
        assertEquals(
                "method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, not \"TRACE\".",
                failure("{'url': URL(/echo)URL, 'method': 'TRACE'}").getMessage());
        assertEquals(
                "timeout_ms must be between 1 and 300000, not 0.",
                failure("{'url': URL(/echo)URL, 'timeout_ms': 0}").getMessage());
        assertEquals(
                "headers must be an object of name to value.",
                failure("{'url': URL(/echo)URL, 'headers': 'X-A: 1'}").getMessage());
        assertTrue(failure("{'url': URL(/echo)URL, 'headers': {'Bad Name': 'x'}}")
                .getMessage()
                .startsWith("The request cannot be sent:"));
    }
}
