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
 */
@WebServlet(urlPatterns = "/container-error", name = "ContainerErrorServlet")
public class ContainerErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestId.assign(request, response);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ErrorCode code = status instanceof Integer known ? ErrorCode.forStatus(known) : ErrorCode.NOT_FOUND;
        byte[] body = ErrorBody.of(code, message(code), null).toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(code.status());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String message(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> "The request is malformed (for example an encoded '/' or '.' in its path)";
            case NOT_FOUND -> "Nothing is served at this path; the API is under /api/";
            default -> "The request could not be served";
        };
    }
}
