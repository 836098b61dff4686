package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.AcrossWorkspaces;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import io.orchestrator.workspaces.WorkspaceAccess;
import jakarta.enterprise.context.ApplicationScoped;
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
@ApplicationScoped
@Path("cache/")
@Produces(MediaType.APPLICATION_JSON)
public class CacheResource {

    @Inject
    DatabaseResponseCache cache;

    @Inject
    WorkspaceAccess access;

    /** The whole cache's figures: counts only, nothing of any workspace's prompts or answers. */
    @GET
    @Path("stats/")
    @AcrossWorkspaces
    public JsonObject stats() {
        return cache.stats().toJson();
    }

    /** Everything for an admin; anyone else names a workspace or a workflow they edit. */
    @DELETE
    @AcrossWorkspaces
    public JsonObject clear(@QueryParam("workspace") String workspace, @QueryParam("workflow_id") String workflowId) {
        FieldErrors errors = new FieldErrors();
        checkFilter(errors, "workspace", workspace, 64);
        checkFilter(errors, "workflow_id", workflowId, 36);
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Invalid query parameters", errors.toJson());
        }
        if (!access.caller().isAdmin()) {
            if (workspace == null && workflowId == null) {
                throw ApiException.forbidden(
                        "Clearing the whole cache needs an admin token; name a workspace or a workflow_id");
            }
            if (workspace != null) {
                access.requireIn(WorkspaceRole.EDITOR, workspace);
            }
            if (workflowId != null) {
                access.require(WorkspaceRole.EDITOR, Held.WORKFLOW, workflowId);
            }
        }
        return deleted(cache.clear(workspace, workflowId));
    }

    @DELETE
    @Path("{key}/")
    @InWorkspace(value = Held.CACHE_ENTRY, param = "key", need = WorkspaceRole.EDITOR)
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
