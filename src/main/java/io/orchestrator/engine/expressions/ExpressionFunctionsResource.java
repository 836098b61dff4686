package io.orchestrator.engine.expressions;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.workspaces.AcrossWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/expressions/functions/}: the functions expressions may call, with how to call
 * each and what it gives; the editor's autocomplete offers them. The same for every workspace.
 */
@AcrossWorkspaces
@ApplicationScoped
@Path("expressions/functions/")
@Produces(MediaType.APPLICATION_JSON)
public class ExpressionFunctionsResource {

    @GET
    public JsonObject list() {
        return JSON.createObjectBuilder()
                .add("functions", FunctionCatalog.json())
                .build();
    }
}
