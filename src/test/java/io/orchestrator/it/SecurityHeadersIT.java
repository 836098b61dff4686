package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.RawHttp;
import io.orchestrator.it.support.SharedServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every answer, whoever makes it (the canvas's files, the API, the authentication refusal, a
 * webhook, the container's error page), tells the browser not to sniff, not to send a referrer and
 * not to frame it; the canvas allows only its own files, the API nothing at all.
 */
class SecurityHeadersIT {

    private final Api admin = SharedServer.admin();
    private final Api anonymous = SharedServer.anonymous();

    @Test
    void everyKindOfAnswerCarriesTheHeaders() {
        Map<String, UnaryOperator<String>> answers = new LinkedHashMap<>();
        answers.put("the canvas (or, built without it, the page saying so)", overHttp11("/"));
        answers.put("the container's error page", overHttp11("/no/such/file.txt"));
        answers.put("an API answer", headers(admin.get("/api/workflow/")));
        answers.put("health, open", headers(anonymous.get("/api/health/")));
        answers.put("the authentication's refusal", headers(anonymous.get("/api/workflow/")));
        answers.put("a webhook's answer", headers(anonymous.post("/api/hooks/no-such-hook", "{}")));
        answers.put("the API's own error", headers(admin.get("/api/workflow/no-such-id/")));
        answers.forEach((what, header) -> {
            assertEquals("nosniff", header.apply("X-Content-Type-Options"), what);
            assertEquals("no-referrer", header.apply("Referrer-Policy"), what);
            assertEquals("DENY", header.apply("X-Frame-Options"), what);
            String policy = header.apply("Content-Security-Policy");
            assertTrue(policy != null && policy.contains("frame-ancestors 'none'"), what + ": " + policy);
        });
    }

    @Test
    void theCanvasMayLoadOnlyItsOwnFilesAndTheApiNothing() {
        String canvas = overHttp11("/").apply("Content-Security-Policy");
        assertTrue(canvas.contains("default-src 'self'"), canvas);
        assertTrue(canvas.contains("script-src 'self'") && !canvas.contains("unsafe-inline"), canvas);
        assertTrue(canvas.contains("connect-src 'self'"), canvas);

        String api =
                admin.get("/api/workflow/").header("Content-Security-Policy").orElseThrow();
        assertTrue(api.startsWith("default-src 'none'") && api.contains("sandbox"), api);
    }

    private static UnaryOperator<String> headers(Api.Response answer) {
        return name -> answer.header(name).orElse(null);
    }

    /**
     * The root and the error page over plain HTTP/1.1: the JDK client's first request on a connection
     * offers an upgrade to HTTP/2, and Liberty 26.0.0.3 never finishes an upgraded answer that it
     * makes by forwarding (the welcome file, the error page); curl --http2 hangs the same way.
     */
    private static UnaryOperator<String> overHttp11(String path) {
        RawHttp.Answer answer = RawHttp.send(SharedServer.get().baseUri(), "127.0.0.1", "GET", path);
        return answer::header;
    }
}
