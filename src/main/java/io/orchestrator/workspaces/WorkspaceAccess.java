package io.orchestrator.workspaces;

import io.orchestrator.platform.ApiException;
import io.orchestrator.security.Caller;
import io.orchestrator.security.CurrentCaller;
import io.orchestrator.security.WorkspaceRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of section 6 for the current request's caller: what it may not see answers 404 as if it
 * did not exist; what it may see but not change answers 403 with the role it would need.
 *
 * <p>The checks below act for the server itself when no API request names a caller (a service
 * called by the engine, or by a test inside the container): every API path but health and the
 * webhooks is refused by the container without a token before any code runs, and
 * {@link WorkspaceGuard} asks for the caller strictly ({@link #caller()}).
 */
@ApplicationScoped
public class WorkspaceAccess {

    @Inject
    CurrentCaller current;

    @Inject
    WorkspaceOf workspaceOf;

    @Inject
    WorkspaceRepository workspaces;

    public Caller caller() {
        return current.get();
    }

    /**
     * Checks the caller's role in the workspace of the thing with that id. A thing that does not
     * exist passes: the resource answers its own 404, in the same words as a hidden one.
     */
    public void require(WorkspaceRole needed, Held held, String id) {
        Caller caller = current.find().orElse(null);
        if (caller == null || caller.isAdmin()) {
            return;
        }
        Optional<String> workspace = workspaceOf.find(held, id);
        if (workspace.isPresent()) {
            requireRole(caller, needed, workspace.get(), () -> ApiException.notFound(held.displayName(), id));
        }
    }

    /** For something new made in that workspace (named in a body or a query): it must exist for the caller. */
    public void requireIn(WorkspaceRole needed, String workspace) {
        Caller caller = current.find().orElse(null);
        if (caller == null || caller.isAdmin()) {
            if (workspaces.find(workspace).isEmpty()) {
                throw ApiException.notFound("Workspace", workspace);
            }
            return;
        }
        requireRole(caller, needed, workspace, () -> ApiException.notFound("Workspace", workspace));
    }

    /** The workspaces whose contents the caller's lists may show; empty for an admin, who sees all. */
    public Optional<Set<String>> visible() {
        return current.find().flatMap(Caller::visibleWorkspaces);
    }

    private static void requireRole(
            Caller caller, WorkspaceRole needed, String workspace, java.util.function.Supplier<ApiException> hidden) {
        Optional<WorkspaceRole> role = caller.roleIn(workspace);
        if (role.isEmpty()) {
            throw hidden.get();
        }
        if (!role.get().includes(needed)) {
            throw ApiException.forbidden("This needs the " + needed.apiName() + " role in workspace '" + workspace
                    + "'; token '" + caller.tokenName() + "' is a " + role.get().apiName() + " there");
        }
    }
}
