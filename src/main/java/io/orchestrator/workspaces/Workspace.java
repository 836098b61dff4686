package io.orchestrator.workspaces;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A workspace: its name is its identity, chosen by whoever creates it and never changed. */
@Entity
@Table(name = "workspace")
@NamedQuery(name = "Workspace.all", query = "select w from Workspace w order by w.name")
@NamedQuery(name = "Workspace.named", query = "select w from Workspace w where w.name in :names order by w.name")
public class Workspace {

    public static final String DEFAULT = "default";

    @Id
    @Column(length = 64)
    private String name;

    @Column(nullable = false, length = 2000)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Workspace() {}

    public Workspace(String name, String description) {
        this.name = name;
        this.description = description;
        this.createdAt = Instant.now();
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void describe(String description) {
        this.description = description;
    }
}
