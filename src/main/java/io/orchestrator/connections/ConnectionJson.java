package io.orchestrator.connections;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Timestamps;
import io.orchestrator.security.SecretMask;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** A connection as the API answers it: the secret masked when there is one, null when there is none. */
public final class ConnectionJson {

    private ConnectionJson() {}

    public static JsonObject of(StoredConnection connection) {
        return JSON.createObjectBuilder()
                .add("id", connection.id())
                .add("name", connection.name())
                .add("kind", connection.kind().wireName())
                .add("base_url", connection.baseUrl() == null ? JsonValue.NULL : JSON.createValue(connection.baseUrl()))
                .add("secret", connection.sealedSecret() == null ? JsonValue.NULL : JSON.createValue(SecretMask.TEXT))
                .add("headers", JsonText.parseObject(connection.headers()))
                .add("models", JsonText.parse(connection.models()))
                .add("prices", JsonText.parseObject(connection.prices()))
                .add("defaults", JsonText.parseObject(connection.defaults()))
                .add("workspace", connection.workspace())
                .add("created_at", Timestamps.json(connection.createdAt()))
                .add("updated_at", Timestamps.json(connection.updatedAt()))
                .build();
    }
}
