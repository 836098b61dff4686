package io.orchestrator.artifacts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A file kept for a run: its description here, its bytes in {@link ArtifactFiles} under its SHA-256. */
@Entity
@Table(name = "artifact")
@NamedQuery(name = "Artifact.ofRun", query = "select a from Artifact a where a.runId = :runId")
@NamedQuery(name = "Artifact.ofWorkflow", query = "select a from Artifact a where a.workflowId = :workflowId")
@NamedQuery(
        name = "Artifact.expired",
        query = "select a from Artifact a where a.expiresAt <= :now order by a.expiresAt")
@NamedQuery(name = "Artifact.countOfContent", query = "select count(a) from Artifact a where a.sha256 = :sha256")
public class Artifact {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "run_id", nullable = false, length = 36)
    private String runId;

    @Column(name = "workflow_id", nullable = false, length = 36)
    private String workflowId;

    @Column(name = "node_id", length = 36)
    private String nodeId;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(name = "file_name", nullable = false, length = 255)
    private String fileName;

    @Column(name = "mime_type", nullable = false, length = 255)
    private String mimeType;

    @Column(nullable = false)
    private long size;

    @Column(nullable = false, length = 64, columnDefinition = "CHAR(64)")
    private String sha256;

    @Column(name = "artifact_type", nullable = false, length = 32)
    private String artifactType;

    /** A JSON list of strings. */
    @Column(nullable = false, length = 2000)
    private String tags;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected Artifact() {}

    Artifact(
            String id,
            ArtifactOrigin origin,
            ArtifactDescription description,
            ArtifactFiles.Stored content,
            Instant createdAt,
            Instant expiresAt) {
        this.id = id;
        this.runId = origin.runId();
        this.workflowId = origin.workflowId();
        this.nodeId = origin.nodeId();
        this.name = description.name();
        this.fileName = description.fileName();
        this.mimeType = description.mimeType();
        this.artifactType = description.type().wireName();
        this.tags = description.tagsJson();
        this.size = content.size();
        this.sha256 = content.sha256();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String runId() {
        return runId;
    }

    public String workflowId() {
        return workflowId;
    }

    public String nodeId() {
        return nodeId;
    }

    public String name() {
        return name;
    }

    public String fileName() {
        return fileName;
    }

    public String mimeType() {
        return mimeType;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public String artifactType() {
        return artifactType;
    }

    public String tags() {
        return tags;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
