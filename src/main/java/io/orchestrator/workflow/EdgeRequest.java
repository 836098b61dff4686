package io.orchestrator.workflow;

import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.RequestBody;

/** Reads {@code {source, source_handle, target, target_handle}}; handles default to {@code default}. */
final class EdgeRequest {

    private EdgeRequest() {}

    static WorkflowGraph.Edge read(RequestBody body) {
        String id = body.text("id", 100).orElse(null);
        String source = body.requiredText("source", 100);
        String sourceHandle = body.text("source_handle", 100)
                .filter(handle -> !handle.isBlank())
                .orElse(Routes.DEFAULT);
        String target = body.requiredText("target", 100);
        String targetHandle = body.text("target_handle", 100)
                .filter(handle -> !handle.isBlank())
                .orElse(WorkflowGraph.INPUT_HANDLE);
        return new WorkflowGraph.Edge(id, source, sourceHandle, target, targetHandle);
    }
}
