package io.orchestrator.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses a path with an encoded '/', '.' or NUL with the API's 400, whatever the server: Open
 * Liberty refuses those itself before the application (a guard against path traversal), other
 * servers (Payara) decode them and answered 404, or passed them on to the application.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class EncodedPathGuard extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().toLowerCase(Locale.ROOT);
        if (!path.contains("%2f") && !path.contains("%2e") && !path.contains("%00")) {
            chain.doFilter(request, response);
            return;
        }
        RequestId.assign(request, response);
        SecurityHeaders.apply(request, response);
        byte[] body = ErrorBody.of(
                        ErrorCode.INVALID_REQUEST, ContainerErrorServlet.message(ErrorCode.INVALID_REQUEST), null)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(ErrorCode.INVALID_REQUEST.status());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
