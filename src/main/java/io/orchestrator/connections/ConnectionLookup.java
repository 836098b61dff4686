package io.orchestrator.connections;

import java.util.Optional;

/** Finds a connection by id for the nodes that use one (llm, http-request), with its secret in clear. */
public interface ConnectionLookup {

    Optional<ConnectionSettings> find(String connectionId);
}
