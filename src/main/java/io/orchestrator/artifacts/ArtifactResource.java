package io.orchestrator.artifacts;

import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.AcrossWorkspaces;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import io.orchestrator.workspaces.WorkspaceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code /api/artifacts/}: files kept for runs: upload, list, details, download (ranges too), delete. */
@ApplicationScoped
@Path("artifacts/")
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactResource {

    @Inject
    ArtifactService artifacts;

    @Inject
    ArtifactUpload upload;

    @Inject
    WorkspaceAccess access;

    @AcrossWorkspaces
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return Response.status(Response.Status.CREATED)
                .entity(upload.upload(body, contentType))
                .build();
    }

    @AcrossWorkspaces
    @GET
    public JsonObject list(
            @QueryParam("run_id") String runId,
            @QueryParam("node_id") String nodeId,
            @QueryParam("artifact_type") String artifactType,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        return artifacts.list(ArtifactQuery.of(runId, nodeId, artifactType, cursor, limit, offset)
                .within(access.visible().orElse(null)));
    }

    @InWorkspace(value = Held.ARTIFACT, param = "id", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{id}/")
    public JsonObject detail(@PathParam("id") String id) {
        return artifacts.detail(id);
    }

    @InWorkspace(value = Held.ARTIFACT, param = "id", need = WorkspaceRole.EDITOR)
    @DELETE
    @Path("{id}/")
    public Response delete(@PathParam("id") String id) {
        artifacts.delete(id);
        return Response.noContent().build();
    }

    /** The file, streamed; one byte range of it with {@code Range} (206), 416 for a range past its end. */
    @InWorkspace(value = Held.ARTIFACT, param = "id", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{id}/download/")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String range) {
        Artifact artifact = artifacts.require(id);
        return ArtifactDownload.response(artifact, artifacts.files().path(artifact.sha256()), range);
    }
}
