package io.orchestrator.nodes.http;

import static io.orchestrator.platform.Jsonp.JSON;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 and a free port, for the outbound tests: register handlers by
 * path, or use {@code /echo}, which answers the request it got as JSON.
 */
public final class LocalHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "local-http-server");
        thread.setDaemon(true);
        return thread;
    });

    public LocalHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException cannotBind) {
            throw new UncheckedIOException(cannotBind);
        }
        server.setExecutor(threads);
        handle("/echo", LocalHttpServer::echo);
        server.start();
    }

    public LocalHttpServer handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port/path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The same server under the name {@code localhost}: another origin for cookies and redirects. */
    public String localhostUrl(String path) {
        return "http://localhost:" + port() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body, Map.of());
    }

    public static void respond(
            HttpExchange exchange, int status, String contentType, String body, Map<String, List<String>> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        headers.forEach((name, values) ->
                values.forEach(value -> exchange.getResponseHeaders().add(name, value)));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** {@code {method, path, query, headers: {lower-case name: value, several joined by ", "}, body}}. */
    private static void echo(HttpExchange exchange) throws IOException {
        JsonObjectBuilder headers = JSON.createObjectBuilder();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.add(name.toLowerCase(), String.join(", ", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getRawQuery();
        String answer = JSON.createObjectBuilder()
                .add("method", exchange.getRequestMethod())
                .add("path", exchange.getRequestURI().getRawPath())
                .add("query", query == null ? "" : query)
                .add("headers", headers)
                .add("body", body)
                .build()
                .toString();
        respond(exchange, 200, "application/json", answer);
    }
}
