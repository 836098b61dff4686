package io.orchestrator.nodes.http;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.http.OutboundRequest.Header;
import io.orchestrator.platform.FailureText;
import io.orchestrator.platform.OrchestratorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * Sends the requests of {@code http-request} nodes, each to the address the {@link AddressGuard}
 * checked ({@link PinnedConnections}: the name is looked up once). Redirects are followed here, not
 * by the client, so that the guard checks every hop and the request goes to the address it
 * checked; the cookie jar is read before and filled after each. The whole exchange, redirects and
 * body included, keeps to the node's timeout.
 */
@ApplicationScoped
public class OutboundHttp {

    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    static final int MAX_REDIRECTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final String USER_AGENT = "Workflow-Orchestrator";
    private static final List<Integer> REDIRECTS = List.of(301, 302, 303, 307, 308);
    private static final Logger LOG = Logger.getLogger(OutboundHttp.class.getName());

    @Inject
    OrchestratorConfig config;

    private AddressGuard guard;
    private long maxBodyBytes;
    private PinnedConnections connections;

    /** For CDI, which configures the bean from {@link OrchestratorConfig} once injected. */
    OutboundHttp() {}

    /** Outside CDI (tests): with this guard and body limit. */
    public OutboundHttp(AddressGuard guard, long maxBodyBytes) {
        configure(guard, maxBodyBytes, null);
    }

    /** Outside CDI (tests): trusting these certificates rather than the JVM's. */
    OutboundHttp(AddressGuard guard, long maxBodyBytes, TrustManager[] trust) {
        configure(guard, maxBodyBytes, trust);
    }

    @PostConstruct
    void start() {
        AddressGuard configured;
        try {
            configured = AddressGuard.allowing(config.httpAllow().orElse(""));
        } catch (IllegalArgumentException badEntry) {
            // Refusing too much is the safe side of a typo: say so loudly and keep every block in place.
            LOG.severe(AddressGuard.ALLOW_SETTING + " is ignored: " + badEntry.getMessage());
            configured = AddressGuard.strict();
        }
        configure(configured, MAX_BODY_BYTES, null);
    }

    private void configure(AddressGuard addressGuard, long bodyLimit, TrustManager[] trust) {
        guard = addressGuard;
        maxBodyBytes = bodyLimit;
        connections = new PinnedConnections(trust, CONNECT_TIMEOUT);
    }

    /**
     * Sends the request and answers the final response, whatever its status.
     *
     * @throws NodeFailure {@code forbidden_address}, {@code validation} (a header or method the
     *                     client refuses), {@code timeout}, {@code connection},
     *                     {@code response_too_large}, {@code http} (too many redirects),
     *                     {@code cancelled} (the thread was interrupted)
     */
    public InboundResponse send(OutboundRequest request, CookieJar cookies, Duration timeout) throws NodeFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        OutboundRequest current = request;
        for (int redirects = 0; ; redirects++) {
            InetAddress address = checkAddress(current, redirects == 0 ? null : request.url());
            InboundResponse response = exchange(current, address, cookies, deadline, timeout);
            cookies.store(current.url(), response.headerValues("set-cookie"));
            Optional<URI> target = redirectTarget(current.url(), response);
            if (target.isEmpty()) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new NodeFailure(
                        ErrorType.HTTP,
                        "More than " + MAX_REDIRECTS + " redirects from "
                                + request.url().getHost() + "; the last one led to " + target.get() + ".",
                        response.toJson(),
                        null);
            }
            current = current.redirectedTo(target.get(), response.status());
        }
    }

    /** A request aimed at the address the guard checked, and the client that must send it. */
    public record Pinned(HttpRequest.Builder request, HttpClient client) {}

    /**
     * For other callers of outside servers (the llm node's model servers): refuses an address the
     * guard blocks, else a request to the very address it checked, the name looked up once
     * ({@link PinnedConnections}). The caller adds its method, headers, body and timeout.
     */
    public Pinned pinned(URI url) throws NodeFailure {
        InetAddress address = guard.check(url);
        return new Pinned(connections.request(url, address), connections.client(url));
    }

    private InetAddress checkAddress(OutboundRequest request, URI redirectedFrom) throws NodeFailure {
        try {
            return guard.check(request.url());
        } catch (NodeFailure refused) {
            if (redirectedFrom == null) {
                throw refused;
            }
            throw new NodeFailure(
                    refused.errorType(),
                    "The redirect from " + redirectedFrom.getHost() + " to " + request.url() + " was not followed. "
                            + refused.getMessage(),
                    refused.details(),
                    null);
        }
    }

    private static Optional<URI> redirectTarget(URI from, InboundResponse response) throws NodeFailure {
        Optional<String> location = response.header("location");
        if (!REDIRECTS.contains(response.status()) || location.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(from.resolve(location.get().trim()));
        } catch (IllegalArgumentException invalid) {
            throw new NodeFailure(
                    ErrorType.HTTP,
                    "HTTP " + response.status() + " from " + from.getHost() + " redirects to '" + location.get()
                            + "', which is not a valid URL.",
                    response.toJson(),
                    null);
        }
    }

    private InboundResponse exchange(
            OutboundRequest request, InetAddress address, CookieJar cookies, long deadline, Duration timeout)
            throws NodeFailure {
        long remainingNanos = deadline - System.nanoTime();
        if (remainingNanos <= 0) {
            throw timedOut(request.url(), timeout, null);
        }
        CompletableFuture<HttpResponse<byte[]>> pending = connections
                .client(request.url())
                .sendAsync(
                        httpRequest(request, address, cookies, Duration.ofNanos(remainingNanos)),
                        LimitedBody.handler(maxBodyBytes));
        try {
            return InboundResponse.of(pending.get(remainingNanos, TimeUnit.NANOSECONDS), request.url());
        } catch (TimeoutException late) {
            pending.cancel(true);
            throw timedOut(request.url(), timeout, late);
        } catch (InterruptedException interrupted) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new NodeFailure(
                    ErrorType.CANCELLED,
                    "The request to " + request.url().getHost() + " was interrupted.",
                    interrupted);
        } catch (ExecutionException failed) {
            throw failure(request.url(), timeout, failed.getCause());
        }
    }

    private HttpRequest httpRequest(OutboundRequest request, InetAddress address, CookieJar cookies, Duration timeout)
            throws NodeFailure {
        if (request.header("host").isPresent()) {
            throw new NodeFailure(
                    ErrorType.VALIDATION,
                    "The request cannot be sent: the Host header is the URL's host, and cannot be set.");
        }
        HttpRequest.Builder builder =
                connections.request(request.url(), address).timeout(timeout);
        List<String> cookieValues = new ArrayList<>();
        try {
            builder.method(
                    request.method(),
                    request.body() == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(request.body()));
            for (Header header : request.headers()) {
                if (header.is("cookie")) {
                    cookieValues.add(header.value());
                } else if (!header.is("content-length")) {
                    builder.header(header.name(), header.value());
                }
            }
        } catch (IllegalArgumentException refused) {
            throw new NodeFailure(ErrorType.VALIDATION, "The request cannot be sent: " + refused.getMessage(), refused);
        }
        cookies.cookieHeader(request.url()).ifPresent(cookieValues::add);
        // RFC 6265 allows one Cookie header: the node's own cookies and the jar's go together.
        if (!cookieValues.isEmpty()) {
            builder.header("Cookie", String.join("; ", cookieValues));
        }
        if (request.header("user-agent").isEmpty()) {
            builder.header("User-Agent", USER_AGENT);
        }
        return builder.build();
    }

    private static NodeFailure failure(URI url, Duration timeout, Throwable cause) {
        String host = url.getHost();
        String where = host + (url.getPort() >= 0 ? ":" + url.getPort() : "");
        Throwable reason = innermost(cause);
        if (cause instanceof HttpConnectTimeoutException) {
            return new NodeFailure(
                    ErrorType.TIMEOUT,
                    "Could not connect to " + where + " within "
                            + Math.min(timeout.toMillis(), CONNECT_TIMEOUT.toMillis()) + " ms.",
                    cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(url, timeout, cause);
        }
        if (reason instanceof LimitedBody.TooLarge) {
            return new NodeFailure(
                    ErrorType.RESPONSE_TOO_LARGE,
                    "The response from " + host + " was not read: " + reason.getMessage(),
                    reason);
        }
        if (reason instanceof UnresolvedAddressException) {
            return new NodeFailure(ErrorType.CONNECTION, "Could not resolve the host " + host + ".", cause);
        }
        if (cause instanceof ConnectException) {
            return new NodeFailure(
                    ErrorType.CONNECTION,
                    "Could not connect to " + where + ": " + FailureText.of(reason, "connection refused") + ".",
                    cause);
        }
        if (reason instanceof SSLException) {
            return new NodeFailure(
                    ErrorType.CONNECTION,
                    "The TLS handshake with " + where + " failed: " + FailureText.of(reason, "refused"),
                    cause);
        }
        if (cause instanceof IOException) {
            return new NodeFailure(
                    ErrorType.CONNECTION,
                    "The connection to " + where + " failed: " + FailureText.of(reason, "the connection was closed"),
                    cause);
        }
        return new NodeFailure(
                ErrorType.CONNECTION,
                "The request to " + where + " failed: " + FailureText.of(reason, "it could not be completed"),
                cause);
    }

    private static NodeFailure timedOut(URI url, Duration timeout, Throwable cause) {
        return new NodeFailure(
                ErrorType.TIMEOUT,
                "No complete response from " + url.getHost() + " within " + timeout.toMillis() + " ms.",
                cause);
    }

    private static Throwable innermost(Throwable failure) {
        Throwable reason = failure;
        while (reason.getCause() != null && reason.getCause() != reason) {
            reason = reason.getCause();
        }
        return reason;
    }
}
