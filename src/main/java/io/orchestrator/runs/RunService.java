package io.orchestrator.runs;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.RunStatus;
import io.orchestrator.llm.LlmResponseLog;
import io.orchestrator.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reading and deleting stored runs. Stopping a run under way is the engine's: see {@link RunDeletion}. */
@ApplicationScoped
@Transactional
public class RunService {

    @Inject
    RunRepository runs;

    @Inject
    LlmResponseLog llmResponses;

    /** {@code {runs, total_count, has_more}}: one page of runs, newest first. */
    public JsonObject list(RunQuery query) {
        List<RunSummary> page = runs.page(query);
        long total = runs.count(query);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        page.forEach(run -> list.add(RunJson.summary(run)));
        return JSON.createObjectBuilder()
                .add("runs", list)
                .add("total_count", total)
                .add("has_more", (long) query.offset() + page.size() < total)
                .build();
    }

    /**
     * The run with its input, output, every node execution, and the tokens and cost of its llm
     * nodes' candidates; 404 when there is no such run.
     */
    public JsonObject detail(String runId) {
        return JSON.createObjectBuilder(RunJson.detail(require(runId), runs.nodeExecutions(runId)))
                .addAll(JSON.createObjectBuilder(llmResponses.totals(runId)))
                .build();
    }

    public RunStatus status(String runId) {
        return require(runId).status();
    }

    /** Deletes the run's rows; 404 when there is no such run (any more). */
    public void deleteStored(String runId) {
        if (!runs.delete(runId)) {
            throw notFound(runId);
        }
    }

    private Run require(String runId) {
        return runs.find(runId).orElseThrow(() -> notFound(runId));
    }

    private static ApiException notFound(String runId) {
        return ApiException.notFound("Run", runId);
    }
}
