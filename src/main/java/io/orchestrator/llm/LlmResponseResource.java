package io.orchestrator.llm;

import io.orchestrator.runs.RunService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A run's llm candidates as stored: {@code GET /api/runs/{task_id}/llm_responses/?node_id=}. */
@Path("runs/{taskId}/llm_responses/")
@Produces(MediaType.APPLICATION_JSON)
public class LlmResponseResource {

    @Inject
    RunService runs;

    @Inject
    LlmResponseLog log;

    /** {@code {llm_responses, count}} in the order produced; 404 when the run does not exist. */
    @GET
    public JsonObject list(@PathParam("taskId") String taskId, @QueryParam("node_id") String nodeId) {
        runs.status(taskId);
        return LlmResponseJson.list(log.ofRun(taskId, nodeId));
    }
}
