package io.orchestrator.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers that keep a browser from misusing any answer: no content sniffing (an artifact
 * uploaded as text is never run as a script), no referrer (a workflow's URL and id stay here), and
 * no framing (no click-jacking of the canvas's buttons). The canvas gets a Content-Security-Policy
 * that allows only its own files: Vite's build loads its script and style sheet from files, React
 * sets styles through the DOM (which a policy does not govern), and the socket goes to this origin
 * ('self' covers ws: and wss: of the same host). Swagger UI at /openapi/ui/ runs under the same
 * policy (checked in a browser by OpenApiIT): its script and style sheet are files from the WAR, and it
 * sets styles through the DOM too. The API answers data, never a page, so its policy
 * allows nothing at all, and a downloaded artifact opened in the browser runs nothing.
 */
public final class SecurityHeaders {

    static final String CANVAS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

    private SecurityHeaders() {}

    /** Sets the headers; the authentication mechanism and the filter both call it, as either may answer first. */
    public static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", policyFor(pathOf(request)));
    }

    /** The policy for a path inside the application (without its context root). */
    static String policyFor(String path) {
        return path.startsWith("/api/") || path.equals("/api") ? API_POLICY : CANVAS_POLICY;
    }

    /** The path the client asked for: on an error page's dispatch, the one that failed, not the page's. */
    private static String pathOf(HttpServletRequest request) {
        String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
                ? failed
                : request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
