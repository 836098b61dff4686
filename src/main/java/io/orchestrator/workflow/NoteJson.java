package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.Timestamps;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Comparator;
import java.util.List;

/** How sticky notes look in the API and in a workflow file. */
final class NoteJson {

    private NoteJson() {}

    static JsonObjectBuilder note(WorkflowNote note) {
        return JSON.createObjectBuilder()
                .add("id", note.id())
                .addAll(content(note.content()))
                .add("created_at", Timestamps.json(note.createdAt()))
                .add("updated_at", Timestamps.json(note.updatedAt()));
    }

    static JsonArrayBuilder list(List<WorkflowNote> notes) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        notes.forEach(note -> list.add(note(note)));
        return list;
    }

    /**
     * The notes of a file: no ids or timestamps, top to bottom then left to right, so that the file
     * depends only on what the notes say and where they are.
     */
    static JsonArrayBuilder forFile(List<WorkflowNote> notes) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        notes.stream()
                .map(WorkflowNote::content)
                .sorted(Comparator.comparingDouble(
                                (NoteChanges.Complete note) -> note.position().y())
                        .thenComparingDouble(note -> note.position().x())
                        .thenComparing(NoteChanges.Complete::text))
                .forEach(note -> list.add(content(note)));
        return list;
    }

    private static JsonObjectBuilder content(NoteChanges.Complete note) {
        return JSON.createObjectBuilder()
                .add("text", note.text())
                .add("position", WorkflowJson.position(note.position()))
                .add("width", note.width())
                .add("height", note.height())
                .add("color", note.color().wire());
    }
}
