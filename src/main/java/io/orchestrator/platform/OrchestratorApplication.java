package io.orchestrator.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API lives under {@code /api}; the canvas is served from the root. Resources are
 * {@code @ApplicationScoped}, one instance each: they hold nothing but injected services, and an
 * unscoped resource is a request-scoped bean that RESTEasy resolves, constructs, injects and
 * destroys on every request. The webhook resource, which takes the request in {@code @Context}
 * fields, stays per request.
 */
@ApplicationPath("/api")
public class OrchestratorApplication extends Application {}
