package io.orchestrator.workflow;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.platform.RequestBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * Workflows as files: the export of one, and the import of a file as a new workflow. An import is
 * a workflow creation followed by a canvas replacement in one transaction, so that it is checked
 * exactly as those are (names, settings, node types, form values, routes, cycles) and leaves
 * nothing behind when refused. A file whose name is taken is imported as another workflow of the
 * same name, as n8n does: names are labels here, ids tell workflows apart.
 */
@ApplicationScoped
@Transactional
public class WorkflowFiles {

    @Inject
    WorkflowRepository workflows;

    @Inject
    WorkflowService service;

    @Inject
    CanvasService canvas;

    @Inject
    CanvasReplacement replacement;

    @Inject
    NoteService notes;

    public JsonObject export(String workflowId) {
        Workflow workflow = workflows.require(workflowId);
        JsonObject document = WorkflowDocument.export(
                workflow, workflows.nodes(workflowId), workflows.edges(workflowId), canvas::typeOrNull);
        return Jsonp.JSON
                .createObjectBuilder(document)
                .add("notes", NoteJson.forFile(notes.notes(workflowId)))
                .build();
    }

    /** The new workflow, as {@code GET /api/workflow/{id}/} shows it. */
    public JsonObject importDocument(JsonValue document, String workspace) {
        if (!(document instanceof JsonObject file)) {
            throw ApiException.invalidRequest("The file must hold a mapping (an object) with the workflow's fields");
        }
        JsonObject workflowFile = WriteItPipeline.isOne(file) ? WriteItPipeline.toWorkflowDocument(file) : file;
        FieldErrors errors = new FieldErrors();
        WorkflowDocument.checkFormat(workflowFile, errors);
        WorkflowDocument.CanvasRequest graph = WorkflowDocument.canvasRequest(
                workflowFile, () -> UUID.randomUUID().toString(), errors);
        errors.throwIfAny("The workflow file is not valid");
        String id = service.create(RequestBody.of(WorkflowDocument.workflowRequest(workflowFile, workspace)))
                .getString("id");
        // The replacement locks the workflow's row, which must be written first.
        workflows.flush();
        try {
            replacement.replace(id, withNotes(graph.body(), workflowFile.get("notes")));
        } catch (ApiException refused) {
            throw inFileTerms(refused, graph.namesById());
        }
        return service.get(id);
    }

    /** A file's notes (any shape: the replacement checks them) go into the canvas as they are. */
    private static JsonObject withNotes(JsonObject canvasBody, JsonValue fileNotes) {
        if (fileNotes == null || fileNotes == JsonValue.NULL) {
            return canvasBody;
        }
        return Jsonp.JSON
                .createObjectBuilder(canvasBody)
                .add("notes", fileNotes)
                .build();
    }

    /** The replacement's messages name nodes by the ids given to them here; a file knows them by name. */
    private static ApiException inFileTerms(ApiException refused, Map<String, String> namesById) {
        JsonValue details = renamed(refused.details(), namesById);
        return new ApiException(refused.code(), refused.getMessage(), details.asJsonObject());
    }

    private static JsonValue renamed(JsonValue value, Map<String, String> namesById) {
        if (value instanceof JsonString text) {
            String message = text.getString();
            for (Map.Entry<String, String> node : namesById.entrySet()) {
                message = message.replace("id " + node.getKey(), "name '" + node.getValue() + "'");
            }
            return Jsonp.JSON.createValue(message);
        }
        if (value instanceof JsonObject object) {
            JsonObjectBuilder copy = Jsonp.JSON.createObjectBuilder();
            object.forEach((key, item) -> copy.add(key, renamed(item, namesById)));
            return copy.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder copy = Jsonp.JSON.createArrayBuilder();
            array.forEach(item -> copy.add(renamed(item, namesById)));
            return copy.build();
        }
        return value;
    }
}
