package io.orchestrator.liberty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/workflow/%00/",
                "/api/hooks/a%0Ab",
                "/api/x%7f",
                "/api/workflow/%zz/",
                "/api/hooks/abc%",
                "/api/workflow/%4/",
                "/api/workflow/..;/",
                "/api/workflow/.;x/",
                "/api/workflow/%2e%2e;x/",
                "/;/api/health/",
                "/api/;x/health/",
                "/api/workflow/%3B/",
                "/..",
                "/%2e%2e/api/health/",
                "/api/../..",
                "/..%2F/api",
                "/%2F/..",
                "/api/..%2F..%2F..%2Fetc/passwd"
            })
    void refusesWhatTheWebContainerRefusesBeforeAnyApplication(String uri) {
        assertTrue(RequestPaths.refusedByTheContainer(uri), uri);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/api/health/",
                "/api/workflow/6f9619ff-8b86-d011-b42d-00c04fc964ff/nodes/",
                "/api/workflow/abc;v=1/",
                "/api/workflow/a%20b/",
                "/api/workflow/%2F/",
                "/api/workflow/%2e%2e/",
                "/api/..",
                "/api/workflow/../x/",
                "/assets/index-DH-tkDeb.js",
                "/.well-known/x",
                "/api/workflow/?name=%zz&x=%00",
                "/api/hooks/%C3%A9t%C3%A9"
            })
    void letsEverythingElseThrough(String uri) {
        assertFalse(RequestPaths.refusedByTheContainer(uri), uri);
    }
}
