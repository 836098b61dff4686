package io.orchestrator.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The hostile suite's rules find what they are for, and only that. */
class AnswerRulesTest {

    private static Violations check(String method, String path, int status, String body) {
        Violations violations = new Violations();
        AnswerRules.check(violations, method + " " + path, "#0 " + method + " " + path, method, path, status, body);
        return violations;
    }

    @Test
    void stackTracesAndExceptionTextsAreInsides() {
        assertTrue(check(
                        "GET",
                        "/api/x/",
                        400,
                        "{\"error\": \"x\", \"code\": \"C\", \"trace\": \"\\n\\tat"
                                + " io.orchestrator.workflow.WorkflowResource.get(WorkflowResource.java:42)\"}")
                .report()
                .contains("a stack frame"));
        assertTrue(check("GET", "/api/x/", 400, "{\"error\": \"java.lang.IllegalStateException: no\", \"code\": \"C\"}")
                .report()
                .contains("an exception's class name"));
        assertTrue(check("GET", "/api/x/", 400, "{\"error\": \"NullPointerException: no\", \"code\": \"C\"}")
                .report()
                .contains("an exception's text"));
    }

    @Test
    void storedTextsAndMetricsAreNot() {
        assertTrue(check(
                        "GET",
                        "/api/workflow/",
                        200,
                        "[{\"description\": \"${input.getClass().forName('java.lang.Runtime')}\"}]")
                .isEmpty());
        assertTrue(check(
                        "GET",
                        "/metrics",
                        200,
                        "# HELP REST_request_unmappedException_total REST.request.unmappedException.description\n"
                                + "REST_request_unmappedException_total{class=\"io.orchestrator.platform.HealthResource\"} 0.0\n")
                .isEmpty());
    }

    @Test
    void theErrorShapeIsRequiredOfTheApplicationOnly() {
        assertEquals(1, check("GET", "/api/nope/", 404, "Not found").size());
        assertTrue(check("GET", "/api/nope/", 404, "{\"error\": \"Not found\", \"code\": \"NOT_FOUND\"}")
                .isEmpty());
        assertTrue(
                check("DELETE", "/metrics", 405, "Only GET method is accepted.").isEmpty());
        // The container's own HTML for a URI it refuses is a violation too: the request guard answers those.
        assertEquals(
                1,
                check("GET", "/%2e%2e", 400, "<H1>CWWWC0005I: The request URI has invalid characters</H1>")
                        .size());
    }

    @Test
    void libertysOwnNotFoundIsLetThroughInExactlyItsShape() {
        String notFound =
                "Error 404: jakarta.servlet.ServletException: java.io.FileNotFoundException: SRVE0190E: File not found:"
                        + " /live/extra/\n";
        assertTrue(check("GET", "/health/live/extra/", 404, notFound).isEmpty());
        assertEquals(2, check("GET", "/api/live/extra/", 404, notFound).size());
        assertEquals(
                1,
                check("GET", "/health/live/extra/", 404, "Error 404: java.lang.NullPointerException: x")
                        .size());
    }
}
