package io.orchestrator.security;

import io.orchestrator.platform.ErrorBody;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.RequestId;
import io.orchestrator.platform.SecurityHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * Authenticates {@code Authorization: Bearer <token>} (and, for WebSocket clients that cannot set
 * headers, a {@code bearer.<token>} subprotocol or {@code ?token=}) on the paths web.xml protects,
 * then applies the token's rate limit. A client address that sent too many wrong tokens is refused
 * for the rest of the minute ({@link FailedAuthentications}). It runs before any filter, so it also
 * assigns the request id and sets the security headers.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    /** Request attribute holding the {@link Caller}; read through {@link CurrentCaller}. */
    static final String CALLER_ATTRIBUTE = Caller.class.getName();

    /** Open Liberty's name for a custom credential's cache key (com.ibm.wsspi.security.token.AttributeNameConstants). */
    private static final String LIBERTY_CACHE_KEY = "com.ibm.wsspi.security.cred.cacheKey";

    @Inject
    TokenAuthenticator authenticator;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    FailedAuthentications failures;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        RequestId.assign(request, response);
        SecurityHeaders.apply(request, response);
        Optional<String> presented = presentedToken(request);
        if (presented.isEmpty()) {
            if (!context.isProtected()) {
                return context.doNothing();
            }
            return refuse(
                    response,
                    context,
                    ErrorCode.UNAUTHORIZED,
                    "Authentication required: send the header 'Authorization: Bearer <token>'");
        }
        String client = request.getRemoteAddr();
        long now = System.currentTimeMillis();
        if (context.isProtected()) {
            Optional<RateLimiter.Decision> barred = failures.barred(client, now);
            if (barred.isPresent()) {
                response.setHeader("Retry-After", Long.toString(barred.get().retryAfterSeconds(now / 1000)));
                return refuse(
                        response,
                        context,
                        ErrorCode.RATE_LIMITED,
                        "Too many wrong tokens from this address; every token is refused until the time in"
                                + " Retry-After has passed");
            }
        }
        Optional<Caller> caller = authenticator.authenticate(presented.get());
        if (caller.isEmpty()) {
            if (!context.isProtected()) {
                return context.doNothing();
            }
            failures.failed(client, now);
            return refuse(
                    response,
                    context,
                    ErrorCode.UNAUTHORIZED,
                    "The token is unknown, expired or revoked; ask an admin for a new one (POST /api/tokens/)");
        }
        Caller who = caller.get();
        RateLimiter.Decision decision = rateLimiter.acquire(who.tokenId(), who.rateLimitPerMinute(), now);
        decision.headers(now).forEach(response::setHeader);
        if (!decision.allowed()) {
            return refuse(
                    response,
                    context,
                    ErrorCode.RATE_LIMITED,
                    "Rate limit of " + decision.limit()
                            + " requests a minute reached for this token; retry after the time in Retry-After");
        }
        request.setAttribute(CALLER_ATTRIBUTE, who);
        offerSubjectCacheKey(context.getClientSubject(), who);
        // The principal's name is the token's id, unique where names are not: an open WebSocket finds by it
        // the token it was opened with (Session.getUserPrincipal), to close when that token ends.
        return context.notifyContainerAboutLogin(
                who.tokenId(), Set.of(who.role().apiName()));
    }

    /**
     * Open Liberty makes its own Subject of every login with a JAAS login (a tenth of the CPU of an
     * authenticated request: credentials, an SSO token, a login context). Given a cache key in the
     * client subject's custom credentials it keeps the Subject in its authentication cache and
     * reuses it. The Subject holds nothing but the token's id and role, so they are the key; the
     * token itself is still checked above on every request, so a revoked token is refused at once.
     * Other servers ignore the Hashtable.
     */
    private static void offerSubjectCacheKey(Subject clientSubject, Caller who) {
        if (clientSubject == null) {
            return;
        }
        Hashtable<String, Object> custom = new Hashtable<>();
        custom.put(
                LIBERTY_CACHE_KEY,
                "orchestrator-token:" + who.tokenId() + ":" + who.role().apiName());
        clientSubject.getPrivateCredentials().add(custom);
    }

    private static Optional<String> presentedToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        String protocols = request.getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            for (String protocol : protocols.split(",")) {
                String candidate = protocol.trim();
                if (candidate.startsWith("bearer.")) {
                    return Optional.of(candidate.substring("bearer.".length()));
                }
            }
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/ws/")) {
            return Optional.ofNullable(request.getParameter("token"));
        }
        return Optional.empty();
    }

    private static AuthenticationStatus refuse(
            HttpServletResponse response, HttpMessageContext context, ErrorCode code, String message) {
        JsonObject body = ErrorBody.of(code, message, null);
        try {
            response.setStatus(code.status());
            response.setContentType("application/json");
            if (code == ErrorCode.UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            response.flushBuffer();
        } catch (IOException clientGone) {
            throw new UncheckedIOException(clientGone);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
