package io.orchestrator.engine.webhooks;

import io.orchestrator.platform.BodyReader;
import io.orchestrator.workspaces.AcrossWorkspaces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/**
 * {@code /api/hooks/{path}}: webhook calls, without a bearer token (the web.xml leaves these paths
 * open). Only HTTP is translated here: the request goes to the {@link WebhookTrigger} as a
 * {@link WebhookCall}, its body read through the server's one {@link BodyReader}, and the answer
 * comes back as the response {@link WebhookResponses} makes of it.
 */
@AcrossWorkspaces
@Path("hooks/{path: .+}")
public class WebhookResource {

    @Inject
    WebhookTrigger trigger;

    @Inject
    BodyReader bodies;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @GET
    public Response get(@PathParam("path") String path, InputStream body) {
        return call("GET", path, body);
    }

    /**
     * Declared so that JAX-RS does not answer HEAD by running the GET method, which would start a
     * GET webhook's run for a request that only asked for headers. A HEAD is a method like any other
     * here: a webhook takes only its own.
     */
    @HEAD
    public Response head(@PathParam("path") String path, InputStream body) {
        return call("HEAD", path, body);
    }

    @POST
    public Response post(@PathParam("path") String path, InputStream body) {
        return call("POST", path, body);
    }

    @PUT
    public Response put(@PathParam("path") String path, InputStream body) {
        return call("PUT", path, body);
    }

    @PATCH
    public Response patch(@PathParam("path") String path, InputStream body) {
        return call("PATCH", path, body);
    }

    @DELETE
    public Response delete(@PathParam("path") String path, InputStream body) {
        return call("DELETE", path, body);
    }

    private Response call(String method, String path, InputStream body) {
        WebhookCall call = new WebhookCall(
                method,
                path,
                headers.getRequestHeaders(),
                uri.getQueryParameters(),
                () -> bodies.bytes(body, headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)),
                request.getRemoteAddr(),
                uri.getRequestUri());
        return WebhookResponses.of(trigger.reply(call));
    }
}
