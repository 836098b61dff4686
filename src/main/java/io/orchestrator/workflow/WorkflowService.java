package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonMergePatch;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Workspace;
import io.orchestrator.workspaces.WorkspaceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.Set;

/** Creating, reading, changing and deleting workflows (their graphs are {@link CanvasService}'s). */
@ApplicationScoped
@Transactional
public class WorkflowService {

    /** One page of workflows and how many there are in all. */
    public record Page(JsonArrayBuilder workflows, long total) {}

    @Inject
    WorkflowChanges versions;

    @Inject
    WorkflowRepository workflows;

    @Inject
    WorkspaceAccess access;

    /** The workflows the caller may see, of one workspace when {@code workspace} is given. */
    public Page list(String search, String workspace, int limit, int offset) {
        Set<String> visible = access.visible().orElse(null);
        if (workspace != null) {
            visible = visible == null || visible.contains(workspace) ? Set.of(workspace) : Set.of();
        }
        WorkflowRepository.Filter filter = new WorkflowRepository.Filter(search, visible);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        workflows.page(filter, limit, offset).forEach(workflow -> list.add(WorkflowJson.workflow(workflow)));
        return new Page(list, workflows.count(filter));
    }

    /** Whether the workflow exists, for callers to whom an unknown id is an answer, not an error (WebSocket). */
    public boolean exists(String id) {
        return workflows.exists(id);
    }

    public JsonObject get(String id) {
        return WorkflowJson.workflow(workflows.require(id));
    }

    public JsonObject create(RequestBody body) {
        String name = body.requiredText("name", 200);
        String description = body.text("description", 2000).orElse("");
        String workspace = body.text("workspace", 64).orElse(Workspace.DEFAULT);
        boolean active = body.bool("active").orElse(false);
        JsonObject settings = settings(body, JsonValue.EMPTY_JSON_OBJECT);
        body.validate();
        access.requireIn(WorkspaceRole.EDITOR, workspace);
        Workflow workflow = new Workflow(workspace, name, description, settings.toString());
        workflow.setActive(active);
        workflows.add(workflow);
        return WorkflowJson.workflow(workflow);
    }

    /** PUT needs the name; PATCH does not. Fields left out keep their values either way. */
    public JsonObject update(String id, RequestBody body, boolean partial) {
        Workflow workflow = workflows.lock(id);
        Optional<String> name = partial
                ? body.text("name", 200).map(String::trim)
                : Optional.ofNullable(body.requiredText("name", 200));
        if (partial && name.isPresent() && name.get().isEmpty()) {
            body.errors().add("name", "This field may not be blank.");
        }
        Optional<String> description = body.text("description", 2000);
        Optional<Boolean> active = body.bool("active");
        JsonObject settings = body.has("settings") ? settings(body, JsonText.parseObject(workflow.settings())) : null;
        Optional<Long> expectedVersion = body.integer("version", 0, Long.MAX_VALUE);
        body.text("workspace", 64)
                .filter(other -> !other.equals(workflow.workspace()))
                .ifPresent(
                        other -> body.errors()
                                .add(
                                        "workspace",
                                        "A workflow stays in the workspace it was made in; export it and import it into the other."));
        body.validate();
        if (expectedVersion.isPresent() && expectedVersion.get() != workflow.version()) {
            throw ApiException.conflict(
                    "The workflow changed since version " + expectedVersion.get()
                            + "; load it again and reapply your change",
                    JSON.createObjectBuilder()
                            .add("current_version", workflow.version())
                            .build());
        }
        name.ifPresent(workflow::rename);
        description.ifPresent(workflow::describe);
        active.ifPresent(workflow::setActive);
        if (settings != null) {
            workflow.replaceSettings(settings.toString());
        }
        versions.record(workflow);
        return WorkflowJson.workflow(workflow);
    }

    public void delete(String id) {
        workflows.remove(workflows.lock(id));
        versions.deleted(id);
    }

    /** The settings in the body merged over the current ones, checked against their form. */
    private static JsonObject settings(RequestBody body, JsonObject current) {
        JsonObject given = body.object("settings").orElse(JsonValue.EMPTY_JSON_OBJECT);
        JsonObject settings = WorkflowSettings.FORM.withDefaults(JsonMergePatch.apply(current, given));
        FieldErrors errors = body.errors().nested("settings");
        FormValidator.validate(WorkflowSettings.FORM, settings, errors);
        return settings;
    }
}
