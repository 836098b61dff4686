package io.orchestrator.realtime;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.workspaces.WorkspaceOf;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client watching one workflow's runs over a WebSocket. The handshake is authenticated like
 * any API call (web.xml protects /ws/*); every user may watch every workflow, for as long as the
 * token lasts ({@link TokenBoundSockets} closes the socket when it is revoked or expires). On open
 * and on request_state the client gets a state_sync, then every run event of the workflow, in
 * order, from its {@link ClientQueue}; all sending goes through that queue. {@code @Dependent} so
 * that the container creates each instance through CDI, with injection.
 *
 * <p>Browsers cannot set an Authorization header on a WebSocket, so they offer the token as a
 * {@code bearer.<token>} subprotocol, which the authentication mechanism reads. A browser drops a
 * connection whose handshake selects none of the subprotocols it offered, and whatever is selected
 * comes back in the answer's headers, where proxies log it: so the client offers the plain
 * {@value #BEARER_PROTOCOL} too, and that is the one selected. The token never comes back.
 *
 * <p>The path is declared without the contract's trailing slash: Liberty never matches a template
 * that ends in '/', and matches this one with or without it (it compares path segments).
 */
@Dependent
@ServerEndpoint(value = "/ws/workflow/{workflowId}", subprotocols = WorkflowSocket.BEARER_PROTOCOL)
public class WorkflowSocket {

    private static final Logger LOG = Logger.getLogger(WorkflowSocket.class.getName());

    /** Private-use close code (4000-4999) for an unknown workflow: 4000 + the HTTP status. */
    static final int NOT_FOUND_CODE = 4404;

    static final String NOT_FOUND_REASON = "Workflow not found";

    /** The subprotocol selected when offered beside {@code bearer.<token>}. */
    static final String BEARER_PROTOCOL = "bearer";

    @Inject
    WorkflowWatchers watchers;

    @Inject
    StateSync states;

    @Inject
    WorkspaceOf workspaceOf;

    @Inject
    SocketSteering steering;

    @Inject
    DroppedClients dropped;

    @Inject
    TokenBoundSockets tokenBound;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private String workflowId;
    private ClientQueue outbox;
    private TokenBoundSockets.Binding binding;

    @OnOpen
    public void open(Session session, @PathParam("workflowId") String workflowId) throws IOException {
        Optional<String> workspace = workspaceOf.workflow(workflowId);
        if (workspace.isEmpty()) {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(NOT_FOUND_CODE), NOT_FOUND_REASON));
            return;
        }
        SessionTransport transport = new SessionTransport(session);
        // The authentication mechanism names the caller by its token's id; a token without a role in
        // the workflow's workspace is closed as if the workflow did not exist.
        Principal caller = session.getUserPrincipal();
        Optional<TokenBoundSockets.Binding> bound =
                tokenBound.bind(caller == null ? null : caller.getName(), workspace.get(), transport);
        if (bound.isEmpty()) {
            return;
        }
        binding = bound.get();
        this.workflowId = workflowId;
        outbox = new ClientQueue(transport, executor, ClientQueue.CAPACITY, dropped::dropped);
        // Watch first, then queue the state_sync, which reads the state when its turn comes: no event
        // can fall between the state and the events that follow it.
        watchers.watch(workflowId, outbox);
        sendState();
    }

    @OnMessage(maxMessageSize = 65_536)
    public void receive(String text) {
        if (outbox == null || !tokenBound.stillValid(binding, Instant.now())) {
            return;
        }
        try {
            ClientRequest.Message message = ClientRequest.parse(text);
            switch (message.request()) {
                case PING -> outbox.offer(() -> SocketMessages.PONG);
                case REQUEST_STATE -> sendState();
                default -> steer(message);
            }
        } catch (ClientRequest.Invalid invalid) {
            String error = SocketMessages.error(ErrorCode.INVALID_REQUEST, invalid.getMessage());
            outbox.offer(() -> error);
        }
    }

    @OnClose
    public void close() {
        if (binding != null) {
            tokenBound.unbind(binding);
        }
        if (outbox != null) {
            watchers.unwatch(workflowId, outbox);
            outbox.close();
        }
    }

    @OnError
    public void failed(Throwable failure) {
        // The container closes the session next; a client that vanished is no news.
        LOG.log(Level.FINE, "WebSocket error on workflow " + workflowId, failure);
    }

    /**
     * An answer, a pause or a resume: done off the container's thread (it waits until the change is
     * durable); the client gets an acknowledgement, or an error about its message.
     */
    private void steer(ClientRequest.Message message) {
        String id = workflowId;
        ClientQueue to = outbox;
        TokenBoundSockets.Binding by = binding;
        executor.execute(() -> {
            String reply;
            try {
                if (!tokenBound.mayChange(by)) {
                    throw ApiException.forbidden("Answering, pausing and resuming runs needs the editor role in this"
                            + " workflow's workspace");
                }
                reply = SocketMessages.acknowledged(message.request().type(), steering.steer(id, message));
            } catch (ApiException refused) {
                reply = SocketMessages.error(refused.code(), refused.getMessage(), refused.details());
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "Could not handle a " + message.request().type() + " on workflow " + id, failed);
                reply = SocketMessages.error(ErrorCode.INTERNAL_ERROR, "The request could not be handled.");
            }
            String text = reply;
            to.offer(() -> text);
        });
    }

    private void sendState() {
        String id = workflowId;
        outbox.offer(() -> states.message(id));
    }
}
