package io.orchestrator.connections;

import java.util.Optional;

/** Finds a connection by id for the nodes that use one (llm, http-request), with its secret in clear. */
public interface ConnectionLookup {

    Optional<ConnectionSettings> find(String connectionId);

    /**
     * The connection as a node of that workflow may use it: only one of the workflow's own
     * workspace (another workspace's connection is as absent as a deleted one).
     */
    default Optional<ConnectionSettings> findFor(String workflowId, String connectionId) {
        return find(connectionId);
    }
}
