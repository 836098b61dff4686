package io.orchestrator.security;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The caller of the current request, for resources that must check a role. */
@RequestScoped
public class CurrentCaller {

    @Inject
    HttpServletRequest request;

    /**
     * The caller when this code serves an authenticated request; empty inside the server's own work
     * (the engine's threads, a test running in the container), where no request names one.
     */
    public Optional<Caller> find() {
        try {
            return request.getAttribute(BearerTokenMechanism.CALLER_ATTRIBUTE) instanceof Caller known
                    ? Optional.of(known)
                    : Optional.empty();
        } catch (ContextNotActiveException outsideRequest) {
            return Optional.empty();
        }
    }

    public Caller get() {
        Object caller = request.getAttribute(BearerTokenMechanism.CALLER_ATTRIBUTE);
        if (caller instanceof Caller known) {
            return known;
        }
        throw new ApiException(ErrorCode.UNAUTHORIZED, "Authentication required");
    }

    public Caller requireAdmin() {
        Caller caller = get();
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("This needs an admin token; token '" + caller.tokenName() + "' has the role "
                    + caller.role().apiName());
        }
        return caller;
    }
}
