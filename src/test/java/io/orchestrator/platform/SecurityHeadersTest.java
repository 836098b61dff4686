package io.orchestrator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void theApiGetsThePolicyThatAllowsNothing() {
        assertEquals(SecurityHeaders.API_POLICY, SecurityHeaders.policyFor("/api/workflow/"));
        assertEquals(SecurityHeaders.API_POLICY, SecurityHeaders.policyFor("/api/artifacts/a/download/"));
        assertEquals(SecurityHeaders.API_POLICY, SecurityHeaders.policyFor("/api"));
    }

    @Test
    void theCanvasAndEverythingElseGetTheCanvasPolicy() {
        assertEquals(SecurityHeaders.CANVAS_POLICY, SecurityHeaders.policyFor("/"));
        assertEquals(SecurityHeaders.CANVAS_POLICY, SecurityHeaders.policyFor("/assets/index.js"));
        assertEquals(SecurityHeaders.CANVAS_POLICY, SecurityHeaders.policyFor("/apiary"));
        assertEquals(SecurityHeaders.CANVAS_POLICY, SecurityHeaders.policyFor("/ws/workflow/w/"));
        // Swagger UI runs under the same policy: its script and style sheet are files of this server.
        assertEquals(SecurityHeaders.CANVAS_POLICY, SecurityHeaders.policyFor("/openapi/ui/"));
    }
}
