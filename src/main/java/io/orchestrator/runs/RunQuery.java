package io.orchestrator.runs;

import io.orchestrator.engine.RunStatus;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.PageCursor;
import io.orchestrator.platform.Timestamps;
import io.orchestrator.workflow.QueryParams;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The filters and page of {@code GET /api/runs/}: a workflow (null for all), the statuses wanted
 * (empty for all), the creation time range ({@code since} inclusive, {@code until} exclusive; null
 * for open), and the page: after a cursor, or at an offset; {@code workspaces} (null for all) is
 * not a parameter but the caller's reach.
 */
public record RunQuery(
        String workflowId,
        Set<RunStatus> statuses,
        Instant since,
        Instant until,
        PageCursor after,
        int limit,
        int offset,
        Set<String> workspaces) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /**
     * Reads the query parameters as sent; a bad one is a 400 that names it. {@code status} may list
     * several statuses, comma-separated, in any case ({@code status=started,waiting}); {@code since}
     * and {@code until} are ISO-8601 instants; {@code cursor} is a {@code next_cursor} given before.
     */
    public static RunQuery of(
            String workflowId, String status, String since, String until, String cursor, String limit, String offset) {
        int skip = QueryParams.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        return new RunQuery(
                workflowId == null || workflowId.isBlank() ? null : workflowId.trim(),
                statuses(status),
                instant("since", since),
                instant("until", until),
                PageCursor.fromParameter(cursor, skip),
                QueryParams.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                skip,
                null);
    }

    /** The same query limited to runs of workflows in those workspaces; null leaves it as it is (all). */
    public RunQuery within(Set<String> visible) {
        return visible == null
                ? this
                : new RunQuery(workflowId, statuses, since, until, after, limit, offset, Set.copyOf(visible));
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Timestamps.parse(text.trim())
                .orElseThrow(() -> ApiException.invalidRequest(
                        name + " must be an ISO-8601 instant such as 2026-12-06T10:00:00Z"));
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
