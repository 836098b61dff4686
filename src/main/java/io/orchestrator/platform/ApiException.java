package io.orchestrator.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A request that cannot be served, with what the client should know about why. Thrown anywhere
 * below a resource; {@link ApiExceptionMapper} turns it into the error body.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final JsonObject details;

    public ApiException(ErrorCode code, String message, JsonObject details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details == null ? JsonValue.EMPTY_JSON_OBJECT : details;
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    public JsonObject details() {
        return details;
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(
                ErrorCode.NOT_FOUND,
                what + " " + id + " does not exist",
                Jsonp.JSON.createObjectBuilder().add("id", String.valueOf(id)).build());
    }

    public static ApiException invalidRequest(String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message);
    }

    public static ApiException validation(String message, FieldErrors errors) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, message, errors.toJson());
    }

    public static ApiException conflict(String message, JsonObject details) {
        return new ApiException(ErrorCode.CONFLICT, message, details);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }
}
