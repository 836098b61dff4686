package io.orchestrator.it.hostile;

import java.util.List;

/**
 * One REST endpoint as its JAX-RS resource declares it: the method, the path with placeholders for
 * ids (see {@link Fixtures.Kind}), the shape of the body it reads and the query parameters it
 * parses. The hostile requests are variations on these.
 */
public record Endpoint(String method, String template, Body body, List<String> query) {

    /** What a well-meaning client would send as the body; the generator also sends everything else. */
    public enum Body {
        NONE,
        WORKFLOW,
        WORKFLOW_PATCH,
        CANVAS,
        NODE_ADD,
        NODE_PATCH,
        POSITION,
        EDGE,
        RUN_INPUT,
        DEVELOPMENT,
        IMPORT,
        NODE_REF,
        RESUME,
        TOKEN,
        WORKSPACE,
        BLOCK,
        CONNECTION,
        MULTIPART,
        WEBHOOK,
        PIN,
        NOTE,
        PREVIEW
    }

    static Endpoint of(String method, String template, Body body, String... query) {
        return new Endpoint(method, template, body, List.of(query));
    }

    static Endpoint of(String method, String template, String... query) {
        return of(method, template, Body.NONE, query);
    }

    /**
     * Every endpoint of the resources under src/main/java (grep {@code @Path} and the method
     * annotations), plus what Liberty serves beside them. A new resource method belongs here.
     */
    public static final List<Endpoint> ALL = List.of(
            // platform, monitoring, nodes
            of("GET", "/api/health/"),
            of("GET", "/api/health/status/"),
            of("GET", "/health/ready"),
            of("GET", "/health/live"),
            of("GET", "/metrics"),
            of("GET", "/openapi"),
            of("GET", "/openapi/ui/"),
            of("GET", "/api/nodes/"),
            of("GET", "/api/nodes/{nodeType}/"),
            // workflow
            of("GET", "/api/workflow/", "limit", "offset", "search"),
            of("POST", "/api/workflow/", Body.WORKFLOW),
            of("GET", "/api/workflow/{workflow}/"),
            of("PUT", "/api/workflow/{workflow}/", Body.WORKFLOW),
            of("PATCH", "/api/workflow/{workflow}/", Body.WORKFLOW_PATCH),
            of("DELETE", "/api/workflow/{victimWorkflow}/"),
            of("GET", "/api/workflow/{workflow}/canvas_data/"),
            of("PUT", "/api/workflow/{workflow}/canvas_data/", Body.CANVAS),
            of("GET", "/api/workflow/{workflow}/export/", "format"),
            of("POST", "/api/workflow/import/", Body.IMPORT),
            // nodes and edges
            of("POST", "/api/workflow/{workflow}/nodes/add/", Body.NODE_ADD),
            of("GET", "/api/workflow/{workflow}/nodes/{node}/"),
            of("PATCH", "/api/workflow/{workflow}/nodes/{node}/", Body.NODE_PATCH),
            of("PATCH", "/api/workflow/{workflow}/nodes/{node}/position/", Body.POSITION),
            of("GET", "/api/workflow/{workflow}/nodes/{node}/input/"),
            of("GET", "/api/workflow/{workflow}/nodes/{node}/output/"),
            of("POST", "/api/workflow/{workflow}/nodes/{node}/preview/", Body.PREVIEW),
            of("GET", "/api/expressions/functions/"),
            of("POST", "/api/workflow/{workflow}/nodes/{node}/pin/", Body.PIN),
            of("DELETE", "/api/workflow/{workflow}/nodes/{node}/pin/"),
            of("GET", "/api/workflow/{workflow}/notes/"),
            of("POST", "/api/workflow/{workflow}/notes/", Body.NOTE),
            of("PATCH", "/api/workflow/{workflow}/notes/{garbage}/", Body.NOTE),
            of("DELETE", "/api/workflow/{workflow}/notes/{garbage}/"),
            of("DELETE", "/api/workflow/{workflow}/nodes/{victimNode}/remove/"),
            of("POST", "/api/workflow/{workflow}/edges/add/", Body.EDGE),
            of("DELETE", "/api/workflow/{workflow}/edges/{victimEdge}/remove/"),
            // execution
            of("GET", "/api/workflow/{runnable}/start_execution/"),
            of("POST", "/api/workflow/{runnable}/start_execution/", Body.RUN_INPUT),
            of("GET", "/api/workflow/{runnable}/stop_execution/"),
            of("POST", "/api/workflow/{runnable}/stop_execution/", Body.RUN_INPUT),
            of("GET", "/api/workflow/{runnable}/task_status/"),
            of("POST", "/api/workflow/{runnable}/task_status/", Body.RUN_INPUT),
            of("GET", "/api/workflow/{devWorkflow}/execute_and_save_node/"),
            of("POST", "/api/workflow/{devWorkflow}/execute_and_save_node/", Body.DEVELOPMENT),
            // runs
            of("GET", "/api/runs/", "workflow_id", "status", "since", "until", "cursor", "limit", "offset"),
            of("GET", "/api/runs/{run}/"),
            of("DELETE", "/api/runs/{victimRun}/"),
            of("POST", "/api/runs/{run}/rewind/", Body.NODE_REF),
            of("POST", "/api/runs/{run}/fork/", Body.NODE_REF),
            of("POST", "/api/runs/{run}/pause/"),
            of("POST", "/api/runs/{run}/resume/", Body.RESUME),
            of("GET", "/api/runs/{run}/llm_responses/", "node_id"),
            of("GET", "/api/runs/{run}/export/", "format"),
            // webhooks, any method
            of("POST", "/api/hooks/{hook}", Body.WEBHOOK),
            of("GET", "/api/hooks/{hook}", "q"),
            of("PUT", "/api/hooks/{hook}", Body.WEBHOOK),
            of("PATCH", "/api/hooks/{hook}", Body.WEBHOOK),
            of("DELETE", "/api/hooks/{hook}"),
            of("HEAD", "/api/hooks/{hook}"),
            // tokens
            of("GET", "/api/tokens/"),
            of("POST", "/api/tokens/", Body.TOKEN),
            of("DELETE", "/api/tokens/{victimToken}/"),
            of("GET", "/api/tokens/self/"),
            // workspaces
            of("GET", "/api/workspaces/"),
            of("POST", "/api/workspaces/", Body.WORKSPACE),
            of("GET", "/api/workspaces/default/"),
            of("PATCH", "/api/workspaces/default/", Body.WORKSPACE),
            of("DELETE", "/api/workspaces/{garbage}/"),
            of("GET", "/api/workspaces/default/tokens/"),
            of("POST", "/api/workspaces/default/tokens/", Body.TOKEN),
            of("PUT", "/api/workspaces/default/tokens/{victimToken}/", Body.TOKEN),
            of("DELETE", "/api/workspaces/default/tokens/{victimToken}/"),
            // blocks
            of("GET", "/api/blocks/", "q", "tag", "folder", "limit", "offset"),
            of("POST", "/api/blocks/", Body.BLOCK),
            of("GET", "/api/blocks/{block}/"),
            of("PUT", "/api/blocks/{block}/", Body.BLOCK),
            of("PATCH", "/api/blocks/{block}/", Body.BLOCK),
            of("DELETE", "/api/blocks/{victimBlock}/"),
            // response cache
            of("GET", "/api/cache/stats/"),
            of("DELETE", "/api/cache/", "workspace", "workflow_id"),
            of("DELETE", "/api/cache/{cacheKey}/"),
            // connections
            of("GET", "/api/connections/", "limit", "offset", "kind"),
            of("POST", "/api/connections/", Body.CONNECTION),
            of("GET", "/api/connections/{connection}/"),
            of("PUT", "/api/connections/{connection}/", Body.CONNECTION),
            of("PATCH", "/api/connections/{connection}/", Body.CONNECTION),
            of("DELETE", "/api/connections/{victimConnection}/"),
            of("POST", "/api/connections/{connection}/test/"),
            // artifacts
            of("POST", "/api/artifacts/", Body.MULTIPART),
            of("GET", "/api/artifacts/", "run_id", "node_id", "artifact_type", "cursor", "limit", "offset"),
            of("GET", "/api/artifacts/{artifact}/"),
            of("DELETE", "/api/artifacts/{victimArtifact}/"),
            of("GET", "/api/artifacts/{artifact}/download/"),
            // nothing is there
            of("GET", "/api/{garbage}/"),
            of("GET", "/{garbage}"));
}
