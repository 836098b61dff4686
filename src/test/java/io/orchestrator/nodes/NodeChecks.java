package io.orchestrator.nodes;

import static io.orchestrator.testing.JsonLiterals.object;

import io.orchestrator.platform.FieldErrors;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/** What the node type tests share: running a type's own checks on values written as JSON. */
final class NodeChecks {

    private NodeChecks() {}

    /** The errors {@link NodeType#checkValues} reports for these values (single-quoted JSON). */
    static JsonObject problems(NodeType type, String values) {
        return problems(type, object(values));
    }

    static JsonObject problems(NodeType type, JsonObject values) {
        FieldErrors errors = new FieldErrors();
        type.checkValues(values, errors);
        return errors.toJson();
    }

    /** The errors JSON of one field with these messages. */
    static JsonObject reported(String field, String... messages) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String message : messages) {
            list.add(message);
        }
        return Json.createObjectBuilder().add(field, list).build();
    }
}
