package io.orchestrator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void carriesTheStatusesOfTheContract() {
        assertEquals(400, ErrorCode.INVALID_REQUEST.status());
        assertEquals(401, ErrorCode.UNAUTHORIZED.status());
        assertEquals(403, ErrorCode.FORBIDDEN.status());
        assertEquals(404, ErrorCode.NOT_FOUND.status());
        assertEquals(409, ErrorCode.CONFLICT.status());
        assertEquals(413, ErrorCode.PAYLOAD_TOO_LARGE.status());
        assertEquals(422, ErrorCode.VALIDATION_ERROR.status());
        assertEquals(429, ErrorCode.RATE_LIMITED.status());
        assertEquals(500, ErrorCode.INTERNAL_ERROR.status());
    }

    @Test
    void forStatusFindsEveryCodeByItsOwnStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            // RUN_FAILED is only ever the application's own answer (a webhook's failed run), never the runtime's 502.
            if (code != ErrorCode.RUN_FAILED) {
                assertEquals(code, ErrorCode.forStatus(code.status()), code.name());
            }
        }
    }

    @Test
    void forStatusMapsTheRuntimesOwnStatuses() {
        assertEquals(ErrorCode.NOT_FOUND, ErrorCode.forStatus(404));
        assertEquals(ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.forStatus(405));
        assertEquals(ErrorCode.NOT_ACCEPTABLE, ErrorCode.forStatus(406));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.forStatus(415));
    }

    @Test
    void forStatusTakesAnUnknownClientErrorAsAnInvalidRequest() {
        assertEquals(ErrorCode.INVALID_REQUEST, ErrorCode.forStatus(418));
        assertEquals(ErrorCode.INVALID_REQUEST, ErrorCode.forStatus(499));
    }

    @Test
    void forStatusTakesAnUnknownServerErrorAsAnInternalError() {
        assertEquals(ErrorCode.INTERNAL_ERROR, ErrorCode.forStatus(502));
        assertEquals(ErrorCode.INTERNAL_ERROR, ErrorCode.forStatus(504));
    }
}
