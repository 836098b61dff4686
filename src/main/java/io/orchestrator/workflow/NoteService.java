package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.RequestBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A workflow's sticky notes: one at a time as the canvas edits them, or all at once with the rest
 * of the canvas. Like a graph change, each locks the workflow, writes, and bumps its version, so
 * that a canvas replaced from a stale version is refused whichever part changed.
 */
@ApplicationScoped
@Transactional
public class NoteService {

    /** Far more than a canvas shows; it bounds what one workflow can store. */
    static final int MAX_NOTES = 500;

    /** A note as a whole-canvas request gives it: its id when it has one, and every part. */
    record Draft(String id, NoteChanges.Complete content) {}

    @Inject
    WorkflowRepository workflows;

    @Inject
    WorkflowChanges versions;

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    public List<WorkflowNote> notes(String workflowId) {
        return em.createNamedQuery("WorkflowNote.ofWorkflow", WorkflowNote.class)
                .setParameter("workflowId", workflowId)
                .getResultList();
    }

    public JsonObject add(String workflowId, NoteChanges changes) {
        Workflow workflow = workflows.lock(workflowId);
        long count = em.createNamedQuery("WorkflowNote.countOfWorkflow", Long.class)
                .setParameter("workflowId", workflowId)
                .getSingleResult();
        if (count >= MAX_NOTES) {
            throw new ApiException(
                    ErrorCode.CONFLICT, "This workflow already has " + MAX_NOTES + " notes, the most it can have");
        }
        WorkflowNote note =
                new WorkflowNote(UUID.randomUUID().toString(), workflowId, changes.applyTo(NoteChanges.Complete.NEW));
        em.persist(note);
        versions.record(workflow);
        return answer(note, workflow);
    }

    public JsonObject update(String workflowId, String noteId, NoteChanges changes) {
        Workflow workflow = workflows.lock(workflowId);
        WorkflowNote note = require(workflowId, noteId);
        note.apply(changes.applyTo(note.content()));
        versions.record(workflow);
        return answer(note, workflow);
    }

    public JsonObject remove(String workflowId, String noteId) {
        Workflow workflow = workflows.lock(workflowId);
        em.remove(require(workflowId, noteId));
        versions.record(workflow);
        return JSON.createObjectBuilder()
                .add("message", "Note removed successfully")
                .add("id", noteId)
                .add("workflow_version", workflow.version())
                .build();
    }

    /** The notes of a whole-canvas request, each complete; problems go under {@code notes[i]}. */
    static List<Draft> read(JsonArray list, FieldErrors errors) {
        if (list.size() > MAX_NOTES) {
            errors.add("notes", "At most " + MAX_NOTES + " notes.");
            return List.of();
        }
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            FieldErrors noteErrors = errors.nested("notes[" + i + "]");
            if (!(list.get(i) instanceof JsonObject json)) {
                noteErrors.add("note", "Must be an object.");
                continue;
            }
            RequestBody body = RequestBody.part(json, noteErrors);
            String id = json.get("id") instanceof JsonString given
                            && CanvasReplacement.UUID_TEXT
                                    .matcher(given.getString())
                                    .matches()
                    ? given.getString()
                    : null;
            drafts.add(new Draft(id, NoteChanges.read(body).applyTo(NoteChanges.Complete.NEW)));
        }
        return drafts;
    }

    /**
     * Makes the workflow's notes these, inside the caller's locked transaction: a note keeps its id
     * when it is this workflow's or a UUID no note has (an undo bringing a deleted note back);
     * any other gets a new one.
     */
    void replaceAll(String workflowId, List<Draft> drafts) {
        Map<String, WorkflowNote> stored = new HashMap<>();
        notes(workflowId).forEach(note -> stored.put(note.id(), note));
        Set<String> asked = new HashSet<>();
        drafts.stream()
                .map(Draft::id)
                .filter(id -> id != null && !stored.containsKey(id))
                .forEach(asked::add);
        Set<String> taken = asked.isEmpty()
                ? Set.of()
                : new HashSet<>(em.createNamedQuery("WorkflowNote.existingIds", String.class)
                        .setParameter("ids", asked)
                        .getResultList());
        Set<String> kept = new HashSet<>();
        for (Draft draft : drafts) {
            WorkflowNote existing = draft.id() == null ? null : stored.get(draft.id());
            if (existing != null && kept.add(existing.id())) {
                existing.apply(draft.content());
            } else {
                boolean free = draft.id() != null && !taken.contains(draft.id()) && kept.add(draft.id());
                em.persist(new WorkflowNote(
                        free ? draft.id() : UUID.randomUUID().toString(), workflowId, draft.content()));
            }
        }
        stored.values().stream().filter(note -> !kept.contains(note.id())).forEach(em::remove);
    }

    private WorkflowNote require(String workflowId, String noteId) {
        WorkflowNote note = em.find(WorkflowNote.class, noteId);
        if (note == null || !note.workflowId().equals(workflowId)) {
            throw ApiException.notFound("Note", noteId);
        }
        return note;
    }

    private static JsonObject answer(WorkflowNote note, Workflow workflow) {
        return NoteJson.note(note).add("workflow_version", workflow.version()).build();
    }
}
