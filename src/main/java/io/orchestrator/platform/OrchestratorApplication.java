package io.orchestrator.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under {@code /api}; the canvas is served from the root. */
@ApplicationPath("/api")
public class OrchestratorApplication extends Application {}
