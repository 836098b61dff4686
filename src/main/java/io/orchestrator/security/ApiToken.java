package io.orchestrator.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A bearer token as stored: its hash, never the token itself. */
@Entity
@Table(name = "api_token")
@NamedQuery(name = "ApiToken.byHash", query = "select t from ApiToken t where t.tokenHash = :hash")
@NamedQuery(name = "ApiToken.all", query = "select t from ApiToken t order by t.createdAt")
@NamedQuery(
        name = "ApiToken.countActiveAdmins",
        query = "select count(t) from ApiToken t where t.role = io.orchestrator.security.TokenRole.ADMIN"
                + " and t.revokedAt is null and (t.expiresAt is null or t.expiresAt > :now)")
@NamedQuery(name = "ApiToken.byIds", query = "select t from ApiToken t where t.id in :ids")
@NamedQuery(
        name = "ApiToken.inWorkspace",
        query = "select t from ApiToken t join t.workspaces w where key(w) = :workspace order by t.createdAt")
@NamedQuery(name = "ApiToken.count", query = "select count(t) from ApiToken t")
@NamedQuery(name = "ApiToken.touch", query = "update ApiToken t set t.lastUsedAt = :now where t.id = :id")
public class ApiToken {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private TokenRole role;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "token_prefix", nullable = false, length = 16)
    private String tokenPrefix;

    @Column(name = "rate_limit")
    private Integer rateLimit;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** The token's role in each workspace it may use; an admin token needs none. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "api_token_workspace", joinColumns = @JoinColumn(name = "token_id"))
    @MapKeyColumn(name = "workspace", length = 64)
    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 20)
    private Map<String, WorkspaceRole> workspaces = new HashMap<>();

    protected ApiToken() {}

    public ApiToken(String name, TokenRole role, String token, Integer rateLimit, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.role = role;
        this.tokenHash = TokenSecrets.hash(token);
        this.tokenPrefix = TokenSecrets.displayPrefix(token);
        this.rateLimit = rateLimit;
        this.createdAt = Instant.now();
        this.expiresAt = expiresAt;
    }

    public boolean isUsableAt(Instant now) {
        return endAt(now).isEmpty();
    }

    /** Why the token no longer works at that instant; empty while it does. A revocation wins. */
    public Optional<TokenEnd> endAt(Instant now) {
        if (revokedAt != null) {
            return Optional.of(TokenEnd.REVOKED);
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return Optional.of(TokenEnd.EXPIRED);
        }
        return Optional.empty();
    }

    /** Gives the token that role in the workspace, replacing the one it had there. */
    public void grant(String workspace, WorkspaceRole workspaceRole) {
        workspaces.put(workspace, workspaceRole);
    }

    /** Takes the token's role in the workspace away; whether it had one. */
    public boolean withdraw(String workspace) {
        return workspaces.remove(workspace) != null;
    }

    public Map<String, WorkspaceRole> workspaces() {
        return Map.copyOf(workspaces);
    }

    public void revoke() {
        if (revokedAt == null) {
            revokedAt = Instant.now();
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public TokenRole role() {
        return role;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public String tokenPrefix() {
        return tokenPrefix;
    }

    public Integer rateLimit() {
        return rateLimit;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
