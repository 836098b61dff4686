package io.orchestrator.platform;

/** The error codes of the API contract, each with the HTTP status it is sent with. */
public enum ErrorCode {
    INVALID_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RANGE_NOT_SATISFIABLE(416),
    VALIDATION_ERROR(422),
    RATE_LIMITED(429),
    INTERNAL_ERROR(500),
    /** A webhook waited for its run, and the run failed. */
    RUN_FAILED(502),
    SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The code for an HTTP status raised by the JAX-RS runtime itself (unknown path, wrong method...). */
    public static ErrorCode forStatus(int status) {
        for (ErrorCode code : values()) {
            if (code.status == status && code != RUN_FAILED) {
                return code;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
    }
}
