package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Writes variables into the run's session, where later nodes and later runs of it read them. */
@ApplicationScoped
public class SetSessionNode implements NodeType {

    private static final Form FORM = new Form(FormField.of("values", FieldType.KEY_VALUE)
            .required()
            .defaultValue(JsonValue.EMPTY_JSON_OBJECT)
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

    /**
     * Sets the resolved values over the session's variables. The output is the input unchanged, so
     * that a set-session node can sit in a chain without changing the data that flows through it.
     */
    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        JsonObject values = ResolvedFields.object(call, "values");
        if (!values.isEmpty()) {
            call.session().putVariables(values);
        }
        return NodeOutcome.of(call.input());
    }
}
