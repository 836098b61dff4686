package io.orchestrator.platform;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

    @Test
    void hasErrorCodeAndDetailsInThatOrder() {
        assertEquals(
                List.of("error", "code", "details"),
                List.copyOf(ErrorBody.of(ErrorCode.CONFLICT, "Stale", object("{'version': 3}"))
                        .keySet()));
    }

    @Test
    void writesTheMessageTheCodeNameAndTheDetails() {
        assertEquals(
                object("{'error': 'Stale', 'code': 'CONFLICT', 'details': {'version': 3}}"),
                ErrorBody.of(ErrorCode.CONFLICT, "Stale", object("{'version': 3}")));
    }

    @Test
    void writesEmptyDetailsWhenThereAreNone() {
        assertEquals(
                object("{'error': 'No', 'code': 'FORBIDDEN', 'details': {}}"),
                ErrorBody.of(ErrorCode.FORBIDDEN, "No", null));
    }

    @Test
    void writesAnApiException() {
        assertEquals(
                object("{'error': 'Workflow 42 does not exist', 'code': 'NOT_FOUND', 'details': {'id': '42'}}"),
                ErrorBody.of(ApiException.notFound("Workflow", "42")));
    }

    @Test
    void writesAValidationErrorWithItsFields() {
        FieldErrors errors = new FieldErrors().add("name", "This field is required.");
        assertEquals(
                object("{'error': 'Bad', 'code': 'VALIDATION_ERROR',"
                        + " 'details': {'name': ['This field is required.']}}"),
                ErrorBody.of(ApiException.validation("Bad", errors)));
    }

    @Test
    void apiExceptionFactoriesCarryTheirCodes() {
        assertEquals(ErrorCode.INVALID_REQUEST, ApiException.invalidRequest("x").code());
        assertEquals(ErrorCode.CONFLICT, ApiException.conflict("x", null).code());
        assertEquals(ErrorCode.FORBIDDEN, ApiException.forbidden("x").code());
        assertEquals(object("{}"), ApiException.forbidden("x").details());
    }
}
