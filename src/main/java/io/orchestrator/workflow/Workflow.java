package io.orchestrator.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named graph with its settings. Its {@code version} grows with every change to it or its graph. */
@Entity
@Table(name = "workflow")
public class Workflow {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 2000)
    private String description;

    @Column(nullable = false)
    private boolean active;

    /** Set when the workflow is made and never changed: its runs, artifacts and cache entries follow it. */
    @Column(nullable = false, length = 64, updatable = false)
    private String workspace;

    @Lob
    @Column(nullable = false, length = JsonColumns.JSON_TEXT)
    private String settings;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Workflow() {}

    public Workflow(String workspace, String name, String description, String settings) {
        this.id = UUID.randomUUID().toString();
        this.workspace = workspace;
        this.name = name;
        this.description = description;
        this.settings = settings;
        this.version = 1;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /** Records that the workflow or its graph changed. */
    public void changed() {
        version++;
        updatedAt = Instant.now();
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public void describe(String newDescription) {
        this.description = newDescription;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public void replaceSettings(String settingsJson) {
        this.settings = settingsJson;
    }

    public String id() {
        return id;
    }

    public String workspace() {
        return workspace;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean active() {
        return active;
    }

    public String settings() {
        return settings;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
