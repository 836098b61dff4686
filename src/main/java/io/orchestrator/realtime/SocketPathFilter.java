package io.orchestrator.realtime;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The socket's address ends in '/' (/ws/workflow/{id}/, README "WebSocket"), but its endpoint is
 * declared without it ({@link WorkflowSocket}): Liberty matches either, Tyrus (Payara, GlassFish)
 * only the exact template and refused the handshake with 404. A handshake to the address with
 * the slash reaches the container's WebSocket filter as the path without it. Declared filters run
 * before the filter a container adds for WebSockets, which comes after them. While that chain runs,
 * the sessions it opens hold their messages ({@link HandshakeGate}).
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class SocketPathFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String uri = request.getRequestURI();
        boolean handshake = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (!handshake) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest matched =
                uri.length() > 1 && uri.endsWith("/") ? new WithoutTrailingSlash(request) : request;
        HandshakeGate.handshaking();
        try {
            chain.doFilter(matched, response);
        } finally {
            HandshakeGate.answered();
        }
    }

    private static final class WithoutTrailingSlash extends HttpServletRequestWrapper {

        WithoutTrailingSlash(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getRequestURI() {
            return trimmed(super.getRequestURI());
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(trimmed(super.getRequestURL().toString()));
        }

        @Override
        public String getServletPath() {
            return super.getPathInfo() == null ? trimmed(super.getServletPath()) : super.getServletPath();
        }

        @Override
        public String getPathInfo() {
            String pathInfo = super.getPathInfo();
            return pathInfo == null ? null : trimmed(pathInfo);
        }

        private static String trimmed(String path) {
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
    }
}
