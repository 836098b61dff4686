package io.orchestrator.workspaces;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.platform.Timestamps;
import io.orchestrator.security.Caller;
import io.orchestrator.security.WorkspaceRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.regex.Pattern;

/** Creating, listing, describing and deleting workspaces; an admin creates and deletes them. */
@ApplicationScoped
@Transactional
public class WorkspaceService {

    /** Lower-case letters, digits, '-' and '_': a name that reads the same in a URL, a file and a log. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    WorkspaceAccess access;

    /** The workspaces the caller holds a role in (all of them for an admin), each with that role. */
    public JsonArrayBuilder list() {
        Caller caller = access.caller();
        List<Workspace> visible =
                caller.visibleWorkspaces().map(workspaces::named).orElseGet(workspaces::all);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        visible.forEach(workspace -> list.add(json(workspace, caller)));
        return list;
    }

    public JsonObject get(String name) {
        return json(require(name, WorkspaceRole.VIEWER), access.caller());
    }

    public JsonObject create(RequestBody body) {
        requireAdmin();
        String name = body.requiredText("name", 64);
        if (name != null && !NAME.matcher(name).matches()) {
            body.errors()
                    .add(
                            "name",
                            "Use 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit.");
        }
        String description = body.text("description", 2000).orElse("");
        body.validate();
        if (workspaces.find(name).isPresent()) {
            throw ApiException.conflict(
                    "A workspace named '" + name + "' exists already",
                    JSON.createObjectBuilder().add("name", name).build());
        }
        Workspace workspace = new Workspace(name, description);
        workspaces.add(workspace);
        return json(workspace, access.caller());
    }

    /** An owner may change the description; the name is the workspace's identity and stays. */
    public JsonObject update(String name, RequestBody body) {
        Workspace workspace = require(name, WorkspaceRole.OWNER);
        if (body.has("name") && !name.equals(body.text("name", 64).orElse(name))) {
            body.errors().add("name", "A workspace keeps its name; create another one instead.");
        }
        String description = body.text("description", 2000).orElse(workspace.description());
        body.validate();
        workspace.describe(description);
        return json(workspace, access.caller());
    }

    /** Only an empty workspace goes (its token roles with it); {@code default} always stays. */
    public void delete(String name) {
        requireAdmin();
        Workspace workspace = workspaces.find(name).orElseThrow(() -> ApiException.notFound("Workspace", name));
        if (Workspace.DEFAULT.equals(name)) {
            throw new ApiException(ErrorCode.CONFLICT, "The default workspace cannot be deleted");
        }
        long contents = workspaces.contents(name);
        if (contents > 0) {
            throw ApiException.conflict(
                    "Workspace '" + name + "' still holds " + contents
                            + " workflows, connections or blocks; delete or move them first",
                    JSON.createObjectBuilder().add("contents", contents).build());
        }
        workspaces.remove(workspace);
    }

    /** The workspace if the caller has at least that role in it; 404 if it cannot see it. */
    Workspace require(String name, WorkspaceRole needed) {
        access.requireIn(needed, name);
        return workspaces.find(name).orElseThrow(() -> ApiException.notFound("Workspace", name));
    }

    private void requireAdmin() {
        Caller caller = access.caller();
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Creating and deleting workspaces needs an admin token; token '"
                    + caller.tokenName() + "' is not one");
        }
    }

    private static JsonObject json(Workspace workspace, Caller caller) {
        return JSON.createObjectBuilder()
                .add("name", workspace.name())
                .add("description", workspace.description())
                .add("created_at", Timestamps.json(workspace.createdAt()))
                .add(
                        "role",
                        caller.isAdmin()
                                ? "admin"
                                : caller.roleIn(workspace.name())
                                        .map(WorkspaceRole::apiName)
                                        .orElse(""))
                .build();
    }
}
