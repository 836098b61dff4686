package io.orchestrator.connections;

import io.orchestrator.workflow.JsonColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A connection as stored: its secret sealed, its JSON settings as text. */
@Entity
@Table(name = "service_connection")
@NamedQuery(
        name = "StoredConnection.named",
        query = "select c.id from StoredConnection c where c.name = :name and c.id <> :except")
public class StoredConnection {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ConnectionKind kind;

    @Column(name = "base_url", length = 2000)
    private String baseUrl;

    @Lob
    @Column(name = "sealed_secret", length = JsonColumns.JSON_TEXT)
    private String sealedSecret;

    @Lob
    @Column(nullable = false, length = JsonColumns.JSON_TEXT)
    private String headers;

    @Lob
    @Column(nullable = false, length = JsonColumns.JSON_TEXT)
    private String models;

    @Lob
    @Column(nullable = false, length = JsonColumns.JSON_TEXT)
    private String prices;

    @Lob
    @Column(name = "default_params", nullable = false, length = JsonColumns.JSON_TEXT)
    private String defaults;

    @Column(nullable = false, length = 100)
    private String workspace;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StoredConnection() {}

    public StoredConnection(ConnectionDraft draft, String sealedSecret) {
        this.id = UUID.randomUUID().toString();
        this.workspace = draft.workspace();
        this.createdAt = Instant.now();
        apply(draft, sealedSecret);
        this.updatedAt = createdAt;
    }

    /** Replaces every setting with the draft's; the sealed secret is the one to keep. */
    public void apply(ConnectionDraft draft, String sealedSecret) {
        this.name = draft.name();
        this.kind = draft.kind();
        this.baseUrl = draft.baseUrl();
        this.sealedSecret = sealedSecret;
        this.headers = draft.headers().toString();
        this.models = draft.models().toString();
        this.prices = draft.prices().toString();
        this.defaults = draft.defaults().toString();
        this.updatedAt = Instant.now();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ConnectionKind kind() {
        return kind;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String sealedSecret() {
        return sealedSecret;
    }

    public String headers() {
        return headers;
    }

    public String models() {
        return models;
    }

    public String prices() {
        return prices;
    }

    public String defaults() {
        return defaults;
    }

    public String workspace() {
        return workspace;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
