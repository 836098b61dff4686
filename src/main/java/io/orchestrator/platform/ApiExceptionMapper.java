package io.orchestrator.platform;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception that leaves a resource into the error body. Client mistakes keep their
 * message; anything unexpected is logged with the request id and answered with a generic 500, so
 * that no stack trace or class name ever reaches a client.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Context
    private HttpServletRequest request;

    @Override
    public Response toResponse(Throwable thrown) {
        ApiException error = translate(thrown);
        if (error.code() == ErrorCode.INTERNAL_ERROR) {
            LOG.log(
                    Level.SEVERE,
                    "Request " + RequestId.of(request) + " " + request.getMethod() + " " + request.getRequestURI()
                            + " failed",
                    thrown);
        }
        Response.ResponseBuilder response = Response.status(error.code().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(error));
        if (thrown instanceof NotAllowedException notAllowed) {
            response.allow(notAllowed.getResponse().getAllowedMethods());
        }
        return response.build();
    }

    private ApiException translate(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof NotFoundException) {
            return new ApiException(
                    ErrorCode.NOT_FOUND,
                    "No such endpoint: " + request.getMethod() + " " + request.getRequestURI()
                            + " (see GET /api/ in the README for the list)");
        }
        if (cause instanceof NotAllowedException) {
            return new ApiException(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    request.getMethod() + " is not allowed on " + request.getRequestURI());
        }
        if (cause instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            ErrorCode code = ErrorCode.forStatus(status);
            if (code != ErrorCode.INTERNAL_ERROR) {
                return new ApiException(code, web.getResponse().getStatusInfo().getReasonPhrase());
            }
        }
        if (cause instanceof JsonException || cause instanceof JsonbException) {
            return ApiException.invalidRequest("The request body is not valid JSON of the expected shape");
        }
        if (cause instanceof OptimisticLockException || cause instanceof PessimisticLockException) {
            return new ApiException(
                    ErrorCode.CONFLICT, "The resource was changed by another request; read it again and retry");
        }
        return new ApiException(
                ErrorCode.INTERNAL_ERROR,
                "Internal error; the server log has the details under request id " + RequestId.of(request));
    }

    /** Transactions and CDI wrap the exception a service threw; the client's error is the innermost known one. */
    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof ApiException
                    || current instanceof WebApplicationException
                    || current instanceof OptimisticLockException
                    || current instanceof PessimisticLockException) {
                return current;
            }
            current = current.getCause();
        }
        return thrown;
    }
}
