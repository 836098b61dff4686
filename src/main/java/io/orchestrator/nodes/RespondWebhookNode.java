package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;

/** Sets the answer to the webhook call that started the run (response mode respond_node). */
@ApplicationScoped
public class RespondWebhookNode implements NodeType {

    private static final Form FORM = new Form(
            FormField.of("status", FieldType.INTEGER).defaultValue(200).range(100, 599),
            FormField.of("headers", FieldType.KEY_VALUE),
            FormField.of("body", FieldType.JSON).help("A JSON template; ${...} inside strings is filled in."));

    @Override
    public String key() {
        return "respond-webhook";
    }

    @Override
    public String displayName() {
        return "Respond to Webhook";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.ACTION;
    }

    @Override
    public String description() {
        return "Sets the status, headers and body of the webhook's answer.";
    }

    @Override
    public Form form() {
        return FORM;
    }
}
