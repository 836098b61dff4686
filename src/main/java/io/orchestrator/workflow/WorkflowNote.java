package io.orchestrator.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A sticky note on a workflow's canvas: Markdown text in a box with its own position, size and
 * colour. It is part of the workflow (saved, versioned, exported with it) but not of its graph:
 * the graph rules and the engine never see it.
 */
@Entity
@Table(name = "workflow_note")
@NamedQuery(
        name = "WorkflowNote.ofWorkflow",
        query = "select n from WorkflowNote n where n.workflowId = :workflowId order by n.createdAt, n.id")
@NamedQuery(
        name = "WorkflowNote.countOfWorkflow",
        query = "select count(n) from WorkflowNote n where n.workflowId = :workflowId")
@NamedQuery(name = "WorkflowNote.existingIds", query = "select n.id from WorkflowNote n where n.id in :ids")
public class WorkflowNote {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "workflow_id", nullable = false, length = 36)
    private String workflowId;

    @Lob
    @Column(nullable = false, length = JsonColumns.JSON_TEXT)
    private String text;

    @Column(name = "position_x", nullable = false)
    private double positionX;

    @Column(name = "position_y", nullable = false)
    private double positionY;

    @Column(nullable = false)
    private double width;

    @Column(nullable = false)
    private double height;

    @Column(nullable = false, length = 20)
    private String color;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WorkflowNote() {}

    public WorkflowNote(String id, String workflowId, NoteChanges.Complete note) {
        this.id = id;
        this.workflowId = workflowId;
        this.createdAt = Instant.now();
        apply(note);
    }

    /** Sets every part of the note at once: a change is first completed from the note as it is. */
    public void apply(NoteChanges.Complete note) {
        this.text = note.text();
        this.positionX = note.position().x();
        this.positionY = note.position().y();
        this.width = note.width();
        this.height = note.height();
        this.color = note.color().wire();
        this.updatedAt = Instant.now();
    }

    public NoteChanges.Complete content() {
        return new NoteChanges.Complete(
                text, new Position(positionX, positionY), width, height, NoteColor.fromWire(color));
    }

    public String id() {
        return id;
    }

    public String workflowId() {
        return workflowId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
