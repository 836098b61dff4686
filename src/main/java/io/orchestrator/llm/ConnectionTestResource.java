package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/connections/{id}/test/}: whether the connection's model server answers, with
 * its APIs, models and latency. A server that does not answer is {@code connected: false} with the
 * reason, not an HTTP error: the request itself went fine.
 */
@ApplicationScoped
@Path("connections/{id}/test/")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionTestResource {

    @Inject
    ConnectionLookup connections;

    @Inject
    ConnectionProbe probe;

    /** 404 for an unknown connection; 422 for an http connection, which has no model server to test. */
    @InWorkspace(value = Held.CONNECTION, param = "id", need = WorkspaceRole.EDITOR)
    @POST
    public JsonObject test(@PathParam("id") String id) {
        ConnectionSettings connection = connections.find(id).orElseThrow(() -> ApiException.notFound("Connection", id));
        if (!connection.kind().isModelServer()) {
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "The connection '" + connection.name() + "' holds credentials for http-request nodes;"
                            + " it has no model server to test.",
                    JSON.createObjectBuilder()
                            .add("kind", connection.kind().wireName())
                            .build());
        }
        return probe.test(connection).toJson();
    }
}
