package io.orchestrator.runs;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.RunStatus;
import io.orchestrator.llm.LlmResponseJson;
import io.orchestrator.llm.LlmResponseLog;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.PageCursor;
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

    /** {@code {runs, total_count, total_count_exact, has_more, next_cursor}}: one page of runs, newest first. */
    public JsonObject list(RunQuery query) {
        List<RunSummary> fetched = runs.pageAndOneMore(query);
        boolean more = fetched.size() > query.limit();
        List<RunSummary> page = more ? fetched.subList(0, query.limit()) : fetched;
        JsonArrayBuilder list = JSON.createArrayBuilder();
        page.forEach(run -> list.add(RunJson.summary(run)));
        RunSummary last = page.isEmpty() ? null : page.get(page.size() - 1);
        return runs.count(query)
                .addTo(JSON.createObjectBuilder().add("runs", list))
                .add("has_more", more)
                .add(
                        "next_cursor",
                        PageCursor.next(more, last == null ? null : last.createdAt(), last == null ? null : last.id()))
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

    /**
     * What an export keeps: the detail, and every llm candidate as stored, since only those records
     * hold the prompt actually sent (blocks and templates expanded) and the raw output.
     */
    public JsonObject export(String runId) {
        return JSON.createObjectBuilder(detail(runId))
                .add(
                        "llm_responses",
                        LlmResponseJson.list(llmResponses.ofRun(runId, null)).getJsonArray("llm_responses"))
                .build();
    }

    /** The run's llm candidates as stored, {@code {llm_responses, count}}, of one node or all; 404 when there is no such run. */
    public JsonObject llmResponses(String runId, String nodeId) {
        require(runId);
        return LlmResponseJson.list(llmResponses.ofRun(runId, nodeId));
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
