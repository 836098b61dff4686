package io.orchestrator.nodes.http;

import static io.orchestrator.nodes.http.LocalHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.http.OutboundRequest.Header;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redirects, limits and failures of the outbound client, against a real server on 127.0.0.1. */
class OutboundHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LocalHttpServer server = new LocalHttpServer();
    private final OutboundHttp http = new OutboundHttp(AddressGuard.allowing("127.0.0.1, localhost"), 1024);
    private final CookieJar cookies = CookieJar.from(JsonValue.EMPTY_JSON_ARRAY);

    @AfterEach
    void stopServer() {
        server.close();
    }

    private InboundResponse send(String method, String url, List<Header> headers, String body) throws NodeFailure {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return http.send(new OutboundRequest(method, URI.create(url), headers, bytes), cookies, TIMEOUT);
    }

    private InboundResponse get(String url) throws NodeFailure {
        return send("GET", url, List.of(), null);
    }

    private void redirect(String from, int status, String location) {
        server.handle(from, exchange -> respond(exchange, status, null, "", Map.of("Location", List.of(location))));
    }

    @Test
    void followsRedirectsItself() throws NodeFailure {
        redirect("/old", 301, "/moved");
        redirect("/moved", 302, server.url("/echo?from=redirect"));
        InboundResponse response = get(server.url("/old"));
        assertEquals(200, response.status());
        assertEquals("from=redirect", response.body().asJsonObject().getString("query"));
        assertEquals(server.url("/echo?from=redirect"), response.url().toString());
    }

    @Test
    void aSeeOtherTurnsAPostIntoAGetWithoutBody() throws NodeFailure {
        redirect("/submit", 303, "/echo");
        JsonObject echoed = send(
                        "POST",
                        server.url("/submit"),
                        List.of(new Header("Content-Type", "application/json")),
                        "{\"a\":1}")
                .body()
                .asJsonObject();
        assertEquals("GET", echoed.getString("method"));
        assertEquals("", echoed.getString("body"));
        assertFalse(echoed.getJsonObject("headers").containsKey("content-type"));
    }

    @Test
    void aTemporaryRedirectRepeatsTheMethodAndBody() throws NodeFailure {
        redirect("/submit", 307, "/echo");
        JsonObject echoed =
                send("PUT", server.url("/submit"), List.of(), "payload").body().asJsonObject();
        assertEquals("PUT", echoed.getString("method"));
        assertEquals("payload", echoed.getString("body"));
    }

    @Test
    void keepsCredentialsWithinTheOrigin() throws NodeFailure {
        redirect("/same", 302, "/echo");
        redirect("/elsewhere", 302, server.localhostUrl("/echo"));
        List<Header> credentials = List.of(
                new Header("Authorization", "Bearer secret"),
                new Header("X-Trace", "1"),
                Header.credential("X-Api-Key", "k-1"));

        JsonObject sameOrigin =
                send("GET", server.url("/same"), credentials, null).body().asJsonObject();
        assertEquals("Bearer secret", sameOrigin.getJsonObject("headers").getString("authorization"));
        assertEquals("k-1", sameOrigin.getJsonObject("headers").getString("x-api-key"));

        JsonObject otherOrigin =
                send("GET", server.url("/elsewhere"), credentials, null).body().asJsonObject();
        assertFalse(otherOrigin.getJsonObject("headers").containsKey("authorization"));
        assertFalse(otherOrigin.getJsonObject("headers").containsKey("x-api-key"), "a connection's header stays home");
        assertEquals("1", otherOrigin.getJsonObject("headers").getString("x-trace"));
    }

    @Test
    void dropsHeadersNamedLikeCredentialsOnARedirectToAnotherOrigin() throws NodeFailure {
        redirect("/same", 302, "/echo");
        redirect("/elsewhere", 307, server.localhostUrl("/echo"));
        List<String> secretNames = List.of(
                "X-Api-Key",
                "Api-Key",
                "X-Auth-Token",
                "X-Access-Token",
                "Private-Token",
                "X-Session-Id",
                "Ocp-Apim-Subscription-Key",
                "X-Hub-Signature-256",
                "X-Client-Secret",
                "X-CSRF-Token",
                "X-Password");
        List<Header> headers = new ArrayList<>();
        secretNames.forEach(name -> headers.add(new Header(name, "s3cret")));
        headers.add(new Header("X-Trace", "1"));
        headers.add(new Header("Accept", "application/json"));

        JsonObject sameOrigin = send("GET", server.url("/same"), headers, null)
                .body()
                .asJsonObject()
                .getJsonObject("headers");
        secretNames.forEach(name -> assertEquals("s3cret", sameOrigin.getString(name.toLowerCase()), name));

        JsonObject otherOrigin = send("POST", server.url("/elsewhere"), headers, "{}")
                .body()
                .asJsonObject()
                .getJsonObject("headers");
        secretNames.forEach(
                name -> assertFalse(otherOrigin.containsKey(name.toLowerCase()), name + " went to another origin"));
        assertEquals("1", otherOrigin.getString("x-trace"));
        assertEquals("application/json", otherOrigin.getString("accept"));
    }

    @Test
    void refusesARedirectToARefusedAddress() {
        OutboundHttp strictAboutMetadata = new OutboundHttp(AddressGuard.allowing("127.0.0.1"), 1024);
        redirect("/sneaky", 302, "http://169.254.169.254/latest/meta-data/");
        NodeFailure failure = assertThrows(
                NodeFailure.class,
                () -> strictAboutMetadata.send(
                        new OutboundRequest("GET", URI.create(server.url("/sneaky")), List.of(), null),
                        cookies,
                        TIMEOUT));
        assertEquals(ErrorType.FORBIDDEN_ADDRESS, failure.errorType());
        assertTrue(
                failure.getMessage()
                        .startsWith("The redirect from 127.0.0.1 to http://169.254.169.254/latest/"
                                + "meta-data/ was not followed. Refused to call 169.254.169.254"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("ORCHESTRATOR_HTTP_ALLOW"));
    }

    @Test
    void refusesARedirectToAnotherScheme() {
        redirect("/file", 302, "file:///etc/passwd");
        assertEquals(
                ErrorType.FORBIDDEN_ADDRESS,
                assertThrows(NodeFailure.class, () -> get(server.url("/file"))).errorType());
    }

    @Test
    void givesUpAfterFiveRedirects() {
        AtomicInteger hops = new AtomicInteger();
        server.handle("/loop", exchange -> {
            hops.incrementAndGet();
            respond(exchange, 302, null, "", Map.of("Location", List.of("/loop")));
        });
        NodeFailure failure = assertThrows(NodeFailure.class, () -> get(server.url("/loop")));
        assertEquals(ErrorType.HTTP, failure.errorType());
        assertEquals(302, failure.details().getInt("status"));
        assertEquals(6, hops.get());
    }

    @Test
    void storesCookiesSetOnTheWayAndSendsThemOnTheNextHop() throws NodeFailure {
        server.handle(
                "/login",
                exchange -> respond(
                        exchange,
                        302,
                        null,
                        "",
                        Map.of("Location", List.of("/echo"), "Set-Cookie", List.of("sid=s1; Path=/"))));
        JsonObject echoed = get(server.url("/login")).body().asJsonObject();
        assertEquals("sid=s1", echoed.getJsonObject("headers").getString("cookie"));
    }

    @Test
    void answersARedirectWithoutLocationAsItIs() throws NodeFailure {
        server.handle("/nowhere", exchange -> respond(exchange, 302, "text/plain", "no location"));
        InboundResponse response = get(server.url("/nowhere"));
        assertEquals(302, response.status());
        assertEquals(JsonValue.ValueType.STRING, response.body().getValueType());
    }

    @Test
    void refusesABodyOverTheLimit() {
        server.handle("/big", exchange -> respond(exchange, 200, "text/plain", "x".repeat(1025)));
        server.handle("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            for (int i = 0; i < 20; i++) {
                exchange.getResponseBody().write("y".repeat(100).getBytes(StandardCharsets.UTF_8));
            }
        });
        for (String path : List.of("/big", "/chunked")) {
            NodeFailure failure = assertThrows(NodeFailure.class, () -> get(server.url(path)), path);
            assertEquals(ErrorType.RESPONSE_TOO_LARGE, failure.errorType(), path);
            assertEquals(
                    "The response from 127.0.0.1 was not read: The response body is larger than 1024 bytes.",
                    failure.getMessage());
        }
    }

    @Test
    void readsABodyAtTheLimit() throws NodeFailure {
        server.handle("/exact", exchange -> respond(exchange, 200, "text/plain", "z".repeat(1024)));
        assertEquals(
                "z".repeat(1024),
                ((jakarta.json.JsonString) get(server.url("/exact")).body()).getString());
    }

    @Test
    void aHeadResponseAnnouncingALargeBodyIsFine() throws NodeFailure {
        server.handle("/large-file", exchange -> {
            exchange.getResponseHeaders().add("Content-Length", "5000000");
            exchange.sendResponseHeaders(200, -1);
        });
        InboundResponse response = send("HEAD", server.url("/large-file"), List.of(), null);
        assertEquals(200, response.status());
        assertEquals("5000000", response.header("content-length").orElseThrow());
        assertEquals(JsonValue.NULL, response.body());
    }

    @Test
    void theTimeoutCoversASlowBody() {
        server.handle("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try {
                for (int i = 0; i < 20; i++) {
                    exchange.getResponseBody().write('.');
                    exchange.getResponseBody().flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        long started = System.nanoTime();
        NodeFailure failure = assertThrows(
                NodeFailure.class,
                () -> http.send(
                        new OutboundRequest("GET", URI.create(server.url("/trickle")), List.of(), null),
                        cookies,
                        Duration.ofMillis(300)));
        assertEquals(ErrorType.TIMEOUT, failure.errorType());
        assertEquals("No complete response from 127.0.0.1 within 300 ms.", failure.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1500);
    }

    @Test
    void refusesAHeaderTheClientMustSetItself() {
        NodeFailure failure = assertThrows(
                NodeFailure.class,
                () -> send("GET", server.url("/echo"), List.of(new Header("Host", "evil.example")), null));
        assertEquals(ErrorType.VALIDATION, failure.errorType());
        assertTrue(failure.getMessage().startsWith("The request cannot be sent: "), failure.getMessage());
    }

    @Test
    void joinsTheNodesCookieHeaderWithTheJars() throws NodeFailure {
        cookies.store(URI.create(server.url("/")), List.of("jar=1; Path=/"));
        JsonObject echoed = send("GET", server.url("/echo"), List.of(new Header("Cookie", "own=2")), null)
                .body()
                .asJsonObject();
        assertEquals("own=2; jar=1", echoed.getJsonObject("headers").getString("cookie"));
    }
}
