package io.orchestrator.monitoring;

import io.orchestrator.workspaces.AcrossWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/health/status/}: every part of the server, for operators and the monitor view.
 * Unlike {@code /api/health/} it needs a token: it tells how busy the server is. 503 when DOWN.
 */
@AcrossWorkspaces
@ApplicationScoped
@Path("health/status/")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    SystemStatus status;

    @GET
    public Response status() {
        JsonObject now = status.now();
        return Response.status("UP".equals(now.getString("status")) ? 200 : 503)
                .entity(now)
                .build();
    }
}
