package io.orchestrator.runs;

import io.orchestrator.engine.RunStatus;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.workflow.QueryParams;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The filters and page of {@code GET /api/runs/}: a workflow (null for all), the statuses wanted
 * (empty for all), and the page.
 */
public record RunQuery(String workflowId, Set<RunStatus> statuses, int limit, int offset) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /**
     * Reads the query parameters as sent; a bad one is a 400 that names it. {@code status} may
     * list several statuses, comma-separated, in any case ({@code status=started,waiting}).
     */
    public static RunQuery of(String workflowId, String status, String limit, String offset) {
        return new RunQuery(
                workflowId == null || workflowId.isBlank() ? null : workflowId.trim(),
                statuses(status),
                QueryParams.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                QueryParams.intParam("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    private static Set<RunStatus> statuses(String text) {
        Set<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
        if (text == null || text.isBlank()) {
            return statuses;
        }
        for (String name : text.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                statuses.add(RunStatus.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                String known = Arrays.stream(RunStatus.values()).map(Enum::name).collect(Collectors.joining(", "));
                throw new ApiException(
                        ErrorCode.INVALID_REQUEST,
                        "status must be one of " + known + " (several may be given, comma-separated)",
                        new FieldErrors()
                                .add("status", "Unknown status '" + name.trim() + "'.")
                                .toJson());
            }
        }
        return statuses;
    }
}
