package io.orchestrator.nodes;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** Builds its output from templates over the input and earlier nodes' outputs. */
@ApplicationScoped
public class TransformNode implements NodeType {

    private static final Form FORM = new Form(
            FormField.of("fields", FieldType.KEY_VALUE)
                    .required()
                    .defaultValue(JsonValue.EMPTY_JSON_OBJECT)
                    .help("Output field name to template. A template that is exactly one ${...} keeps the value's"
                            + " JSON type; anything else is text."),
            FormField.of("keep_input", FieldType.BOOLEAN)
                    .defaultValue(false)
                    .help("Start from the input and set the fields over it."));

    @Override
    public String key() {
        return "transform";
    }

    @Override
    public String displayName() {
        return "Transform";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.ACTION;
    }

    @Override
    public String description() {
        return "Builds its output from expressions over the input and earlier nodes.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    /** The resolved fields; with keep_input, set over the input's own fields (when the input is an object). */
    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        JsonObject fields = ResolvedFields.object(call, "fields");
        if (ResolvedFields.bool(call, "keep_input", false) && call.input() instanceof JsonObject input) {
            JsonObjectBuilder merged = JSON.createObjectBuilder(input);
            fields.forEach(merged::add);
            return NodeOutcome.of(merged.build());
        }
        return NodeOutcome.of(fields);
    }
}
