package io.orchestrator.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page (web.xml) for what the servlet container answers itself, before or beside the
 * REST application: a URI with an encoded '/' or '.', a path outside every resource. The client
 * gets the contract's error body and an X-Request-ID instead of the container's HTML page, which
 * names Java exception classes.
 *
 * <p>A URI that Servlet 6's canonicalization refuses before any application is chosen (a control
 * character such as %00, a dot segment with a path parameter such as {@code ..;}) never gets here:
 * on Open Liberty the request guard, a user feature (src/liberty-feature), answers it in the same
 * shape; other servers answer it their own way.
 */
@WebServlet(urlPatterns = "/container-error", name = "ContainerErrorServlet")
public class ContainerErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestId.assign(request, response);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ErrorCode code = status instanceof Integer known ? ErrorCode.forStatus(known) : ErrorCode.NOT_FOUND;
        String message = code == ErrorCode.NOT_FOUND && askedForTheCanvas(request) ? NO_CANVAS : message(code);
        byte[] body = ErrorBody.of(code, message, null).toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(code.status());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    // A WAR built without the canvas (-Dfrontend.skip=true, or `liberty:run` alone, which runs no npm)
    // has no index.html: the root then says how to get the canvas, not just that nothing is there.
    static final String NO_CANVAS = "The canvas is not in this build: build it with ./mvnw -DskipTests package"
            + " (needs Node.js 20 and npm), or start with ./mvnw -DskipTests package liberty:run; the API is under /api/";

    private static boolean askedForTheCanvas(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String root = request.getContextPath() + "/";
        return root.equals(uri) || (root + "index.html").equals(uri);
    }

    static String message(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> "The request is malformed (for example an encoded '/' or '.' in its path)";
            case NOT_FOUND -> "Nothing is served at this path; the API is under /api/";
            default -> "The request could not be served";
        };
    }
}
