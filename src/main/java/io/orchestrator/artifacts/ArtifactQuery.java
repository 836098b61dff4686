package io.orchestrator.artifacts;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.PageCursor;
import io.orchestrator.workflow.QueryParams;
import java.util.Set;

/** The filters and page of an artifact list, read from the query parameters as sent (a bad one is a 400). */
record ArtifactQuery(
        String runId,
        String nodeId,
        String artifactType,
        PageCursor after,
        int limit,
        int offset,
        Set<String> workspaces) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    static ArtifactQuery of(
            String runId, String nodeId, String artifactType, String cursor, String limit, String offset) {
        String typeName = blankToNull(artifactType);
        ArtifactType type = typeName == null
                ? null
                : ArtifactType.of(typeName)
                        .orElseThrow(
                                () -> ApiException.invalidRequest(
                                        "artifact_type must be one of document, image, data, log, archive, llm_response, other"));
        int skip = QueryParams.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        return new ArtifactQuery(
                blankToNull(runId),
                blankToNull(nodeId),
                type == null ? null : type.wireName(),
                PageCursor.fromParameter(cursor, skip),
                QueryParams.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                skip,
                null);
    }

    /** The same query limited to artifacts of workflows in those workspaces; null leaves it as it is (all). */
    ArtifactQuery within(Set<String> visible) {
        return visible == null
                ? this
                : new ArtifactQuery(runId, nodeId, artifactType, after, limit, offset, Set.copyOf(visible));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
