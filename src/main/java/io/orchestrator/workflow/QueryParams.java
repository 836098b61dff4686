package io.orchestrator.workflow;

import io.orchestrator.platform.ApiException;

/** Query parameters are read as text so that a bad one is a 400 that names it, not JAX-RS's bare 404. */
public final class QueryParams {

    private QueryParams() {}

    public static int intParam(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ApiException.invalidRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
