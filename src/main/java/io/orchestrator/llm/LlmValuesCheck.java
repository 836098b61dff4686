package io.orchestrator.llm;

import io.orchestrator.blocks.PromptBlockLookup;
import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The llm node's save-time check of what the form alone cannot tell: models that name a connection
 * that does not exist or is no model server, a connection and model listed twice, prompt blocks
 * that do not exist. Values that are templates are left to the run, which knows them.
 */
final class LlmValuesCheck {

    private final ConnectionLookup connections;
    private final PromptBlockLookup blocks;

    LlmValuesCheck(ConnectionLookup connections, PromptBlockLookup blocks) {
        this.connections = connections;
        this.blocks = blocks;
    }

    void check(JsonObject values, FieldErrors errors) {
        if (values.get("models") instanceof JsonArray models) {
            checkModels(models, errors);
        }
        if (values.get("blocks") instanceof JsonArray ids && !ids.isEmpty()) {
            List<String> literal = new ArrayList<>();
            for (JsonValue id : ids) {
                if (id instanceof JsonString text && !FormValidator.isTemplate(id)) {
                    literal.add(text.getString());
                }
            }
            try {
                blocks.contents(literal);
            } catch (PromptBlockLookup.UnknownBlock unknown) {
                errors.add("blocks", unknown.getMessage());
            }
        }
        for (String field : List.of("system", "prompt")) {
            if (values.get(field) instanceof JsonString template
                    && template.getString().contains("{{block:")) {
                try {
                    blocks.expand(template.getString());
                } catch (PromptBlockLookup.UnknownBlock unknown) {
                    errors.add(field, unknown.getMessage());
                }
            }
        }
    }

    private void checkModels(JsonArray models, FieldErrors errors) {
        if (models.size() > LlmSettings.MAX_MODELS) {
            errors.add("models", "At most " + LlmSettings.MAX_MODELS + " models.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            if (!(models.get(i) instanceof JsonObject entry)
                    || !(entry.get("connection") instanceof JsonString connection)
                    || FormValidator.isTemplate(connection)
                    || connection.getString().isBlank()) {
                continue;
            }
            String path = "models[" + i + "].connection";
            var found = connections.find(connection.getString().strip());
            if (found.isEmpty()) {
                errors.add(path, "No connection with id '" + connection.getString() + "'.");
            } else if (!found.get().kind().isModelServer()) {
                errors.add(path, "The connection '" + found.get().name() + "' is of kind http, not a model server.");
            }
            if (entry.get("model") instanceof JsonString model
                    && !seen.add(connection.getString().strip() + "\n"
                            + model.getString().strip())) {
                errors.add("models[" + i + "]", "This connection and model are listed twice.");
            }
        }
    }
}
