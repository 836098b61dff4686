package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.FieldErrors;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/cache/}: the response cache's figures, and clearing it (all of it, a workspace's or a
 * workflow's entries, or one entry). Clearing answers how many entries went, so 200, not 204.
 */
@Path("cache/")
@Produces(MediaType.APPLICATION_JSON)
public class CacheResource {

    @Inject
    DatabaseResponseCache cache;

    @GET
    @Path("stats/")
    public JsonObject stats() {
        return cache.stats().toJson();
    }

    @DELETE
    public JsonObject clear(@QueryParam("workspace") String workspace, @QueryParam("workflow_id") String workflowId) {
        FieldErrors errors = new FieldErrors();
        checkFilter(errors, "workspace", workspace, 64);
        checkFilter(errors, "workflow_id", workflowId, 36);
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Invalid query parameters", errors.toJson());
        }
        return deleted(cache.clear(workspace, workflowId));
    }

    @DELETE
    @Path("{key}/")
    public JsonObject remove(@PathParam("key") String key) {
        if (!CacheKeys.isWellFormed(key)) {
            throw ApiException.invalidRequest("A cache key is 64 hexadecimal digits (a SHA-256).");
        }
        if (!cache.remove(key)) {
            throw ApiException.notFound("Cache entry", key);
        }
        return deleted(1);
    }

    private static void checkFilter(FieldErrors errors, String name, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            errors.add(name, "Must not be empty; leave it out to clear every entry.");
        } else if (value.length() > maxLength) {
            errors.add(name, "Must be at most " + maxLength + " characters.");
        }
    }

    private static JsonObject deleted(int count) {
        return JSON.createObjectBuilder().add("deleted", count).build();
    }
}
