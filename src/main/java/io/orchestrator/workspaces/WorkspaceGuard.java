package io.orchestrator.workspaces;

import io.orchestrator.platform.ApiException;
import io.orchestrator.security.Caller;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every API request against the matched resource method's declaration: {@link InWorkspace}
 * checks the caller's role where the path's thing lives; {@link AcrossWorkspaces} leaves it to the
 * method; a method with neither is for admin tokens only (a forgotten declaration fails closed).
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION)
public class WorkspaceGuard implements ContainerRequestFilter {

    /** What a method declares, read once per method. */
    private record Rule(InWorkspace inWorkspace, boolean across) {}

    private final Map<Method, Rule> rules = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Inject
    WorkspaceAccess access;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Rule rule = rules.computeIfAbsent(method, WorkspaceGuard::ruleOf);
        if (rule.across()) {
            return;
        }
        Caller caller = access.caller();
        if (caller.isAdmin()) {
            return;
        }
        InWorkspace in = rule.inWorkspace();
        if (in == null) {
            throw ApiException.forbidden("This needs an admin token; token '" + caller.tokenName() + "' is not one");
        }
        String id = request.getUriInfo().getPathParameters().getFirst(in.param());
        access.require(in.need(), in.value(), id);
    }

    private static Rule ruleOf(Method method) {
        boolean across = method.isAnnotationPresent(AcrossWorkspaces.class)
                || method.getDeclaringClass().isAnnotationPresent(AcrossWorkspaces.class);
        return new Rule(method.getAnnotation(InWorkspace.class), across);
    }
}
