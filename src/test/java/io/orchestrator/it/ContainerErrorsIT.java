package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.RawHttp;
import io.orchestrator.it.support.SharedServer;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the servlet container answers by itself, before the REST application sees the request,
 * still speaks the API's error shape, and carries no header of the container's own ($WSEP tells
 * a WebSphere proxy that the container made the page; to a client it only names the server).
 */
class ContainerErrorsIT {

    private final Api api = SharedServer.admin();

    @ParameterizedTest
    @CsvSource({
        "/api/workflow/%2F/, 400, INVALID_REQUEST",
        "/api/workflow/%2e%2e/, 400, INVALID_REQUEST",
        "/api/workflow/%5C/, 400, INVALID_REQUEST",
        "/api/hooks/%2F, 400, INVALID_REQUEST",
        "/api/hooks/%C0%AE, 400, INVALID_REQUEST",
        "/ws/%2F, 400, INVALID_REQUEST",
        "/no-such-page.html, 404, NOT_FOUND",
        "/WEB-INF/web.xml, 404, NOT_FOUND"
    })
    void errorsTheContainerSendsToTheErrorPageAreJsonWithoutItsOwnHeader(String path, int status, String code) {
        assertContractError(api.get(path), status, code);
    }

    /**
     * Servlet 6 makes the container refuse these (a control character, a dot segment with a path
     * parameter) before it picks an application, so no error page, filter or servlet of the WAR runs:
     * the user feature in src/liberty-feature answers them first, in the contract's shape.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/workflow/%00/",
                "/api/workflow/..;/",
                "/api/hooks/%00",
                "/api/workflow/.;x/",
                "/api/workflow/%2e%2e;x/",
                "/api/workflow/%0a/",
                "/health/%00"
            })
    void urisTheContainerRefusesBeforeAnyApplicationAreJsonToo(String path) {
        assertContractError(api.get(path), 400, "INVALID_REQUEST");
    }

    /** An escape that is not one (no URI class sends it, so a plain socket does): the same answer. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/workflow/%zz/", "/api/hooks/abc%", "/api/workflow/%4/", "/%ff%zz"})
    void malformedEscapesAreJsonToo(String path) {
        RawHttp.Answer answer = RawHttp.send(SharedServer.get().baseUri(), "127.0.0.1", "GET", path);
        assertEquals(400, answer.status(), answer::toString);
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer::toString);
        assertEquals(
                "INVALID_REQUEST",
                Json.createReader(new StringReader(answer.body())).readObject().getString("code"),
                answer::toString);
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer::toString);
        assertEquals(null, answer.header("$WSEP"), answer::toString);
    }

    /** What the guard lets through is the application's to answer: a path parameter, an escaped space. */
    @ParameterizedTest
    @CsvSource({"/api/workflow/abc;v=1/, 404", "/api/workflow/a%20b/, 404", "/api/health/, 200"})
    void ordinaryPathsPassTheGuard(String path, int status) {
        assertEquals(status, api.get(path).status(), path);
    }

    private static void assertContractError(Api.Response response, int status, String code) {
        response.error(status, code);
        assertTrue(response.header("Content-Type").orElse("").startsWith("application/json"), response::toString);
        assertEquals(Optional.empty(), response.header("$WSEP"), () -> "no $WSEP header: " + response.headers());
    }
}
