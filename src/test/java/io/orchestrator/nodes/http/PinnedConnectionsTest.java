package io.orchestrator.nodes.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound client connects to the address the guard checked, looking a name up once: names
 * here exist only in the test's own table, so a request that reaches the server proves that the
 * client did not ask DNS again. Over TLS the certificate is still checked against the name.
 */
class PinnedConnectionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final LocalHttpServer server = new LocalHttpServer();
    private final List<String> lookups = new ArrayList<>();
    private final CookieJar cookies = CookieJar.from(JsonValue.EMPTY_JSON_ARRAY);
    private HttpsServer tlsServer;

    @AfterEach
    void stop() {
        server.close();
        if (tlsServer != null) {
            tlsServer.stop(0);
        }
    }

    /** A guard allowing loopback, whose DNS is a table; each lookup is recorded. */
    private AddressGuard guard(Map<String, List<String>> answers) {
        return AddressGuard.allowing("127.0.0.0/8", host -> {
            lookups.add(host);
            List<String> remaining = answers.get(host);
            if (remaining == null || remaining.isEmpty()) {
                return InetAddress.getAllByName(host);
            }
            String next = remaining.size() > 1 ? remaining.remove(0) : remaining.get(0);
            return new InetAddress[] {
                InetAddress.getByAddress(host, InetAddress.getByName(next).getAddress())
            };
        });
    }

    private static List<String> answers(String... addresses) {
        return new ArrayList<>(List.of(addresses));
    }

    private static InboundResponse get(OutboundHttp http, String url, CookieJar cookies) throws NodeFailure {
        return http.send(new OutboundRequest("GET", URI.create(url), List.of(), null), cookies, TIMEOUT);
    }

    @Test
    void connectsToTheCheckedAddressAndNamesTheHostInHost() throws NodeFailure {
        OutboundHttp http = new OutboundHttp(guard(Map.of("orders.invalid", answers("127.0.0.1"))), 1 << 20);
        String url = "http://orders.invalid:" + server.port() + "/echo?x=1";

        InboundResponse response = get(http, url, cookies);

        assertEquals(200, response.status());
        JsonObject echoed = response.body().asJsonObject();
        assertEquals(
                "orders.invalid:" + server.port(),
                echoed.getJsonObject("headers").getString("host"));
        assertEquals("/echo", echoed.getString("path"));
        assertEquals("x=1", echoed.getString("query"));
        assertEquals(URI.create(url), response.url(), "the response is the URL's, not the address's");
        assertEquals(List.of("orders.invalid"), lookups, "looked up once");
    }

    @Test
    void aNameThatAnswersDifferentlyTheSecondTimeIsNeverAskedTwice() throws NodeFailure {
        // DNS rebinding: a public-looking answer for the check, then a refused one for the connection.
        OutboundHttp http =
                new OutboundHttp(guard(Map.of("rebind.invalid", answers("127.0.0.1", "10.0.0.1"))), 1 << 20);
        assertEquals(
                200,
                get(http, "http://rebind.invalid:" + server.port() + "/echo", cookies)
                        .status());
        assertEquals(List.of("rebind.invalid"), lookups);

        NodeFailure refused = assertThrows(
                NodeFailure.class, () -> get(http, "http://rebind.invalid:" + server.port() + "/echo", cookies));
        assertEquals(ErrorType.FORBIDDEN_ADDRESS, refused.errorType(), "the next call checks the new answer");
    }

    @Test
    void eachRedirectIsLookedUpOnceAndSentToTheAddressCheckedForIt() throws NodeFailure {
        server.handle(
                "/hop",
                exchange -> LocalHttpServer.respond(
                        exchange,
                        302,
                        null,
                        "",
                        Map.of("Location", List.of("http://next.invalid:" + server.port() + "/echo"))));
        OutboundHttp http = new OutboundHttp(
                guard(Map.of("first.invalid", answers("127.0.0.1"), "next.invalid", answers("127.0.0.1"))), 1 << 20);

        InboundResponse response = get(http, "http://first.invalid:" + server.port() + "/hop", cookies);

        assertEquals(200, response.status());
        assertEquals(
                "next.invalid:" + server.port(),
                response.body().asJsonObject().getJsonObject("headers").getString("host"));
        assertEquals(List.of("first.invalid", "next.invalid"), lookups);
    }

    @Test
    void overTlsTheCertificateIsCheckedAgainstTheNameNotTheAddress(@TempDir Path dir) throws Exception {
        TrustManager[] tls = tlsServerFor("secure.invalid", dir);
        String port = Integer.toString(tlsServer.getAddress().getPort());
        OutboundHttp http = new OutboundHttp(
                guard(Map.of("secure.invalid", answers("127.0.0.1"), "impostor.invalid", answers("127.0.0.1"))),
                1 << 20,
                tls);

        InboundResponse response = get(http, "https://secure.invalid:" + port + "/hello", cookies);
        assertEquals(200, response.status());
        assertEquals("secure.invalid:" + port, response.body().asJsonObject().getString("host"));

        NodeFailure wrongName = assertThrows(
                NodeFailure.class, () -> get(http, "https://impostor.invalid:" + port + "/hello", cookies));
        assertEquals(ErrorType.CONNECTION, wrongName.errorType());
        assertTrue(wrongName.getMessage().contains("impostor.invalid:" + port + " failed"), wrongName.getMessage());
    }

    @Test
    void aCertificateForTheAddressDoesNotPassForAName(@TempDir Path dir) throws Exception {
        // The JDK's own check falls back to the address the client connected to.
        TrustManager[] tls = tlsServerFor("ip:127.0.0.1", dir);
        String port = Integer.toString(tlsServer.getAddress().getPort());
        OutboundHttp http = new OutboundHttp(guard(Map.of("spoofed.invalid", answers("127.0.0.1"))), 1 << 20, tls);

        assertEquals(
                200, get(http, "https://127.0.0.1:" + port + "/hello", cookies).status(), "by its address");
        NodeFailure byName =
                assertThrows(NodeFailure.class, () -> get(http, "https://spoofed.invalid:" + port + "/hello", cookies));
        assertEquals(ErrorType.CONNECTION, byName.errorType());
        assertTrue(byName.getMessage().contains("The certificate is not for spoofed.invalid"), byName.getMessage());
    }

    /**
     * Starts an HTTPS server on 127.0.0.1 whose certificate names only {@code name} (a DNS name, or
     * {@code ip:} and an address); the answer trusts it.
     */
    private TrustManager[] tlsServerFor(String name, Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=" + name.replace("ip:", ""),
                        "-ext",
                        "SAN=" + (name.startsWith("ip:") ? name : "dns:" + name),
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-keypass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        tlsServer = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tlsServer.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        tlsServer.createContext("/hello", exchange -> {
            try (exchange) {
                String host = exchange.getRequestHeaders().getFirst("Host");
                LocalHttpServer.respond(exchange, 200, "application/json", "{\"host\": \"" + host + "\"}");
            }
        });
        tlsServer.start();

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        Files.deleteIfExists(keyStore);
        return trust.getTrustManagers();
    }
}
