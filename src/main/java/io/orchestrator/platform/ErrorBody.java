package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The one place the error shape {@code {error, code, details}} is written. */
public final class ErrorBody {

    private ErrorBody() {}

    public static JsonObject of(ErrorCode code, String message, JsonObject details) {
        return JSON.createObjectBuilder()
                .add("error", message)
                .add("code", code.name())
                .add("details", details == null ? JsonValue.EMPTY_JSON_OBJECT : details)
                .build();
    }

    public static JsonObject of(ApiException exception) {
        return of(exception.code(), exception.getMessage(), exception.details());
    }
}
