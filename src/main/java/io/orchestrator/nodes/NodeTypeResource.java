package io.orchestrator.nodes;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ApiException;
import io.orchestrator.workspaces.AcrossWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/nodes/}: node discovery, for the palette and for API clients building graphs. */
@AcrossWorkspaces
@ApplicationScoped
@Path("nodes/")
@Produces(MediaType.APPLICATION_JSON)
public class NodeTypeResource {

    @Inject
    NodeTypeRegistry registry;

    @GET
    public JsonObject list() {
        JsonArrayBuilder categories = JSON.createArrayBuilder();
        for (NodeCategory category : NodeCategory.values()) {
            categories.add(
                    JSON.createObjectBuilder().add("key", category.apiName()).add("name", category.label()));
        }
        JsonArrayBuilder types = JSON.createArrayBuilder();
        registry.all().forEach(type -> types.add(describe(type)));
        return JSON.createObjectBuilder()
                .add("categories", categories)
                .add("node_types", types)
                .build();
    }

    @GET
    @Path("{key}/")
    public JsonObject one(@PathParam("key") String key) {
        return describe(registry.find(key).orElseThrow(() -> ApiException.notFound("Node type", key)))
                .build();
    }

    private static JsonObjectBuilder describe(NodeType type) {
        JsonArrayBuilder routes = JSON.createArrayBuilder();
        type.routes(JSON.createObjectBuilder().build()).forEach(routes::add);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("key", type.key())
                .add("name", type.displayName())
                .add("category", type.category().apiName())
                .add("description", type.description())
                .add("trigger", type.isTrigger())
                .add("routes", routes)
                .add("form", type.form().toJson());
        if (type.routesFromField() != null) {
            json.add("routes_from", type.routesFromField());
        }
        return json;
    }
}
