package io.orchestrator.realtime;

import io.orchestrator.platform.SchemaReady;
import io.orchestrator.security.ApiToken;
import io.orchestrator.security.TokenEnd;
import io.orchestrator.security.TokenRevoked;
import io.orchestrator.security.TokenRole;
import io.orchestrator.security.TokenService;
import io.orchestrator.security.WorkspaceRole;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Every open WebSocket with the token that opened it. The handshake checks the token once; a socket
 * may then stay open for days, so a token that is revoked or expires must still end what it opened:
 * a revocation on this server closes its sockets at once, and a check every {@link #CHECK_INTERVAL}
 * (one query for all the tokens in use, none when no socket is open) catches expiry and revocations
 * made on another server sharing the database. A client message past the token's expiry closes the
 * socket before it is handled. The close is 1008 (policy violation) with the reason, so that a
 * client knows not to reconnect with that token.
 */
@ApplicationScoped
public class TokenBoundSockets {

    private static final Logger LOG = Logger.getLogger(TokenBoundSockets.class.getName());

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

    /** RFC 6455 "policy violation": the token no longer allows the connection. */
    static final int POLICY_VIOLATION = 1008;

    /** Why a socket closes when its token loses its role in the workspace it watches. */
    static final String WITHDRAWN_REASON = "The token no longer has a role in this workflow's workspace";

    /**
     * One socket and the token it was opened with; expiresAt is null for a token that never expires,
     * workspace null for a socket that watches no workspace's data.
     */
    static final class Binding {
        private final String tokenId;
        private final Instant expiresAt;
        private final String workspace;
        private final ClientQueue.Transport socket;

        Binding(String tokenId, Instant expiresAt, String workspace, ClientQueue.Transport socket) {
            this.tokenId = tokenId;
            this.expiresAt = expiresAt;
            this.workspace = workspace;
            this.socket = socket;
        }

        /** Whether the token, as stored now, may still watch this socket's workspace. */
        boolean allowedBy(ApiToken token) {
            return workspace == null
                    || token.role() == TokenRole.ADMIN
                    || token.workspaces().containsKey(workspace);
        }

        String tokenId() {
            return tokenId;
        }

        void close(TokenEnd end) {
            socket.close(POLICY_VIOLATION, end.reason());
        }
    }

    private final ConcurrentMap<String, Set<Binding>> byToken = new ConcurrentHashMap<>();

    @Inject
    TokenService tokens;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    void startChecking(@Observes SchemaReady ready) {
        long every = CHECK_INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(this::checkLogged, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Binds a socket that has just opened to its token, or closes it when the token ended since the
     * handshake (or is not known: a socket is then never left unchecked), or when the token has no
     * role in the workspace: then exactly as for a workflow that does not exist. Empty when closed.
     */
    Optional<Binding> bind(String tokenId, String workspace, ClientQueue.Transport socket) {
        Optional<ApiToken> token = tokenId == null
                ? Optional.empty()
                : tokens.find(List.of(tokenId)).stream().findFirst();
        Optional<TokenEnd> ended =
                token.map(stored -> stored.endAt(Instant.now())).orElse(Optional.of(TokenEnd.REVOKED));
        if (ended.isPresent()) {
            socket.close(POLICY_VIOLATION, ended.get().reason());
            return Optional.empty();
        }
        Binding binding = new Binding(token.get().id(), token.get().expiresAt(), workspace, socket);
        if (!binding.allowedBy(token.get())) {
            socket.close(WorkflowSocket.NOT_FOUND_CODE, WorkflowSocket.NOT_FOUND_REASON);
            return Optional.empty();
        }
        return Optional.of(bound(binding));
    }

    Binding bind(ApiToken token, ClientQueue.Transport socket) {
        return bound(new Binding(token.id(), token.expiresAt(), null, socket));
    }

    private Binding bound(Binding binding) {
        byToken.compute(binding.tokenId(), (id, bound) -> {
            Set<Binding> sockets = bound == null ? ConcurrentHashMap.newKeySet() : bound;
            sockets.add(binding);
            return sockets;
        });
        return binding;
    }

    /**
     * Whether the socket's token, as stored now, may change the runs it watches (answer, pause,
     * resume): an admin's, or an editor's of the workspace.
     */
    boolean mayChange(Binding binding) {
        return tokens.find(List.of(binding.tokenId())).stream()
                .filter(token -> token.isUsableAt(Instant.now()))
                .anyMatch(token -> token.role() == TokenRole.ADMIN
                        || binding.workspace == null
                        || editorIn(token, binding.workspace));
    }

    private static boolean editorIn(ApiToken token, String workspace) {
        WorkspaceRole role = token.workspaces().get(workspace);
        return role != null && role.includes(WorkspaceRole.EDITOR);
    }

    void unbind(Binding binding) {
        byToken.computeIfPresent(binding.tokenId(), (id, bound) -> {
            bound.remove(binding);
            return bound.isEmpty() ? null : bound;
        });
    }

    /** True while the socket's token has not expired; otherwise closes the socket. */
    boolean stillValid(Binding binding, Instant now) {
        if (binding.expiresAt != null && !binding.expiresAt.isAfter(now)) {
            binding.close(TokenEnd.EXPIRED);
            return false;
        }
        return true;
    }

    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokenRevoked revoked) {
        Set<Binding> bound = byToken.get(revoked.tokenId());
        if (bound != null) {
            bound.forEach(binding -> binding.close(TokenEnd.REVOKED));
        }
    }

    /** Looks up every token in use and closes the sockets of those that ended. */
    void check() {
        Set<String> inUse = Set.copyOf(byToken.keySet());
        if (!inUse.isEmpty()) {
            closeEnded(inUse, tokens.find(inUse), Instant.now());
        }
    }

    /**
     * Closes the sockets of the tokens in use that ended by now (a token no longer stored counts as
     * revoked), and those watching a workspace their token lost its role in.
     */
    void closeEnded(Collection<String> inUse, List<ApiToken> stored, Instant now) {
        Map<String, ApiToken> byId = stored.stream().collect(Collectors.toMap(ApiToken::id, Function.identity()));
        for (String tokenId : inUse) {
            ApiToken token = byId.get(tokenId);
            Optional<TokenEnd> ended = token == null ? Optional.of(TokenEnd.REVOKED) : token.endAt(now);
            Set<Binding> bound = byToken.get(tokenId);
            if (bound == null) {
                continue;
            }
            if (ended.isPresent()) {
                bound.forEach(binding -> binding.close(ended.get()));
            } else {
                bound.stream()
                        .filter(binding -> !binding.allowedBy(token))
                        .forEach(binding -> binding.socket.close(POLICY_VIOLATION, WITHDRAWN_REASON));
            }
        }
    }

    int boundCount() {
        return byToken.values().stream().mapToInt(Set::size).sum();
    }

    private void checkLogged() {
        try {
            check();
        } catch (RuntimeException failed) {
            // The next check tries again; a failure must not cancel the periodic task.
            LOG.log(Level.WARNING, "Could not check the tokens of the open WebSockets", failed);
        }
    }
}
