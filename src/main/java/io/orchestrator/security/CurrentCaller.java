package io.orchestrator.security;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** The caller of the current request, for resources that must check a role. */
@RequestScoped
public class CurrentCaller {

    @Inject
    HttpServletRequest request;

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
