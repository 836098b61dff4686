package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.workspaces.AcrossWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/health/}: open without a token, for load balancers and people alike. */
@AcrossWorkspaces
@ApplicationScoped
@Path("health/")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    DatabaseProbe database;

    @Inject
    ServerInfo server;

    @GET
    public Response health() {
        DatabaseProbe.Result probe = database.probe();
        JsonObject body = JSON.createObjectBuilder()
                .add("status", probe.up() ? "UP" : "DOWN")
                .add("version", server.version())
                .add("uptime_seconds", server.uptimeSeconds())
                .add("database", probe.toJson())
                .build();
        return Response.status(probe.up() ? 200 : 503).entity(body).build();
    }
}
