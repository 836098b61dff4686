package io.orchestrator.engine;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * What a workflow's settings ask of its runs, carried by the snapshot a run executes so that a
 * change of settings, like any edit, applies to the runs that start after it. Read and written
 * under the settings' own names ({@code concurrency_limit}, {@code execution_timeout_seconds},
 * {@code keep_executions}, {@code webhook_rate_limit}: calls a minute, null for no limit;
 * {@code webhook_allow_cookies}, {@code webhook_allow_cors}, {@code webhook_allow_redirects}: what a
 * respond-webhook answer may carry); the defaults are those of {@code WorkflowSettings}.
 */
public record RunPolicy(
        int concurrencyLimit,
        long executionTimeoutSeconds,
        String keepExecutions,
        Integer webhookRateLimit,
        boolean webhookAllowsCookies,
        boolean webhookAllowsCors,
        boolean webhookAllowsRedirects) {

    public static final RunPolicy DEFAULTS = new RunPolicy(10, 3600, "all", null, false, false, false);

    public static RunPolicy of(JsonObject settings) {
        return new RunPolicy(
                settings.get("concurrency_limit") instanceof JsonNumber limit
                        ? limit.intValue()
                        : DEFAULTS.concurrencyLimit,
                settings.get("execution_timeout_seconds") instanceof JsonNumber timeout
                        ? timeout.longValue()
                        : DEFAULTS.executionTimeoutSeconds,
                settings.get("keep_executions") instanceof JsonString keep ? keep.getString() : DEFAULTS.keepExecutions,
                settings.get("webhook_rate_limit") instanceof JsonNumber rate ? Integer.valueOf(rate.intValue()) : null,
                settings.getBoolean("webhook_allow_cookies", false),
                settings.getBoolean("webhook_allow_cors", false),
                settings.getBoolean("webhook_allow_redirects", false));
    }

    /** Whether a run that ended so keeps its node executions: all of them, only failed ones, or none. */
    public boolean keepsHistory(RunStatus ended) {
        return switch (keepExecutions) {
            case "none" -> false;
            case "failed" -> ended != RunStatus.SUCCESS;
            default -> true;
        };
    }
}
