package io.orchestrator.engine.webhooks;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.RunPolicy;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerHeadersTest {

    private static final URI HOOK = URI.create("https://flows.example/api/hooks/orders");

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void leavesOutCookiesCorsAndARedirectElsewhereByDefault() {
        AnswerHeaders.Checked checked = AnswerHeaders.check(
                headers(
                        "set-cookie", "sid=1",
                        "Access-Control-Allow-Origin", "*",
                        "Access-Control-Allow-Credentials", "true",
                        "Location", "https://evil.example/",
                        "Content-Type", "text/html",
                        "X-Order", "A-7"),
                RunPolicy.DEFAULTS,
                HOOK);
        assertEquals(headers("Content-Type", "text/html", "X-Order", "A-7"), checked.kept());
        assertEquals(4, checked.leftOut().size());
        assertTrue(checked.leftOut().get(0).contains("webhook_allow_cookies"), checked.leftOut()::toString);
        assertTrue(checked.leftOut().get(3).contains("webhook_allow_redirects"), checked.leftOut()::toString);
    }

    @Test
    void eachSettingAllowsItsOwnKind() {
        Map<String, String> given =
                headers("Set-Cookie", "sid=1", "Access-Control-Allow-Origin", "*", "Location", "//evil.example/");
        assertEquals(
                List.of("Set-Cookie"),
                List.copyOf(AnswerHeaders.check(given, RunPolicy.of(object("{'webhook_allow_cookies': true}")), HOOK)
                        .kept()
                        .keySet()));
        assertEquals(
                List.of("Access-Control-Allow-Origin"),
                List.copyOf(AnswerHeaders.check(given, RunPolicy.of(object("{'webhook_allow_cors': true}")), HOOK)
                        .kept()
                        .keySet()));
        assertEquals(
                List.of("Location"),
                List.copyOf(AnswerHeaders.check(given, RunPolicy.of(object("{'webhook_allow_redirects': true}")), HOOK)
                        .kept()
                        .keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/done", "done?x=1", "https://flows.example/thanks", "HTTPS://FLOWS.example:443/x", "#top"})
    void aLocationOnThisOriginIsAlwaysFine(String location) {
        assertTrue(AnswerHeaders.staysOnOrigin(location, HOOK), location);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://evil.example/",
                "//evil.example/",
                " //evil.example/",
                "/\\evil.example/",
                "\\\\evil.example",
                "http://flows.example/",
                "https://flows.example:8443/",
                "https:evil.example",
                "javascript:alert(1)",
                "https://flows.example.evil.example/",
                "ht tp://x"
            })
    void aLocationElsewhereIsNot(String location) {
        assertFalse(AnswerHeaders.staysOnOrigin(location, HOOK), location);
    }
}
