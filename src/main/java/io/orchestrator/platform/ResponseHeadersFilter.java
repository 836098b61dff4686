package io.orchestrator.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sets {@code X-Request-ID} and the {@link SecurityHeaders} on every answer: the canvas's files, the
 * API, the webhooks, the WebSocket handshake and the container's error pages (hence the ERROR
 * dispatch too). The authentication mechanism runs before any filter and sets them too (so that a
 * 401 carries them); {@link RequestId#assign} keeps the first id.
 */
@WebFilter(
        urlPatterns = "/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class ResponseHeadersFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestId.assign(request, response);
        SecurityHeaders.apply(request, response);
        chain.doFilter(request, response);
    }
}
