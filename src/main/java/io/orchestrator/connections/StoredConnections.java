package io.orchestrator.connections;

import io.orchestrator.platform.JsonText;
import io.orchestrator.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** The connections as the nodes use them: read from the database, the secret opened. */
@ApplicationScoped
public class StoredConnections implements ConnectionLookup {

    @Inject
    ConnectionRepository connections;

    @Inject
    Secrets secrets;

    @Override
    @Transactional
    public Optional<ConnectionSettings> find(String connectionId) {
        return connections.find(connectionId).map(this::settings);
    }

    private ConnectionSettings settings(StoredConnection connection) {
        return new ConnectionSettings(
                connection.id(),
                connection.name(),
                connection.kind(),
                connection.baseUrl(),
                connection.sealedSecret() == null ? null : secrets.open(connection.sealedSecret()),
                JsonText.parseObject(connection.headers()),
                (JsonArray) JsonText.parse(connection.models()),
                JsonText.parseObject(connection.prices()),
                JsonText.parseObject(connection.defaults()),
                connection.workspace());
    }
}
