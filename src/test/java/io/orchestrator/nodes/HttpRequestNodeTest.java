package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRequestNodeTest {

    private static final String NOT_HTTP = "Must be an absolute http:// or https:// URL.";

    private final HttpRequestNode type = new HttpRequestNode();

    private JsonObject urlProblems(String url) {
        return problems(type, "{'url': '" + url + "'}");
    }

    @Test
    void defaultsToGetWithThirtySeconds() {
        assertEquals(object("{'method': 'GET', 'timeout_ms': 30000}"), type.initialValues(object("{}")));
    }

    @Test
    void acceptsAbsoluteHttpAndHttpsUrls() {
        for (String url : List.of("http://example.com", "https://example.com:8443/a?b=c", "HTTPS://EXAMPLE.COM")) {
            assertEquals(object("{}"), urlProblems(url), url);
        }
    }

    @Test
    void refusesOtherSchemes() {
        assertEquals(reported("url", NOT_HTTP), urlProblems("ftp://example.com/file"));
    }

    @Test
    void refusesARelativeUrl() {
        assertEquals(reported("url", NOT_HTTP), urlProblems("/api/orders"));
    }

    @Test
    void refusesAUrlWithoutAHost() {
        assertEquals(reported("url", NOT_HTTP), urlProblems("http:///path"));
    }

    @Test
    void refusesAUrlThatDoesNotParseAndSaysWhy() {
        assertEquals(
                reported("url", "Not a valid URL: Illegal character in authority."),
                urlProblems("http://exa mple.com"));
    }

    @Test
    void leavesATemplatedUrlToRunTime() {
        assertEquals(object("{}"), urlProblems("${input.base}/orders"));
    }

    @Test
    void leavesABlankUrlToTheRequiredCheck() {
        assertEquals(object("{}"), urlProblems(" "));
    }
}
