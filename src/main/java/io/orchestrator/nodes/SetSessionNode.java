package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

/** Writes variables into the run's session, where later nodes and later runs of it read them. */
@ApplicationScoped
public class SetSessionNode implements NodeType {

    private static final Form FORM = new Form(
            FormField.of("values", FieldType.KEY_VALUE).required().defaultValue(JsonValue.EMPTY_JSON_OBJECT)
                    .help("Variable name to template; read later as ${session.name}."));

    @Override
    public String key() {
        return "set-session";
    }

    @Override
    public String displayName() {
        return "Set Session";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.ACTION;
    }

    @Override
    public String description() {
        return "Writes session variables that persist across the nodes of a run.";
    }

    @Override
    public Form form() {
        return FORM;
    }
}
