package io.orchestrator.nodes;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Map;

/** Sets the answer to the webhook call that started the run (response mode respond_node). */
@ApplicationScoped
public class RespondWebhookNode implements NodeType {

    public static final String KEY = "respond-webhook";

    private static final Form FORM = new Form(
            FormField.of("status", FieldType.INTEGER).defaultValue(200).range(100, 599),
            FormField.of("headers", FieldType.KEY_VALUE),
            FormField.of("body", FieldType.JSON).help("A JSON template; ${...} inside strings is filled in."));

    @Override
    public String key() {
        return KEY;
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

    /** The answer to the webhook's caller: status, headers (as text) and the resolved body; the output is the input. */
    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        BigDecimal status = ResolvedFields.number(call, "status").orElse(BigDecimal.valueOf(200));
        if (status.stripTrailingZeros().scale() > 0
                || status.compareTo(BigDecimal.valueOf(100)) < 0
                || status.compareTo(BigDecimal.valueOf(599)) > 0) {
            throw ResolvedFields.invalid(
                    "status", "must be a whole number between 100 and 599, but is " + status + ".");
        }
        JsonObjectBuilder headers = JSON.createObjectBuilder();
        for (Map.Entry<String, JsonValue> header :
                ResolvedFields.object(call, "headers").entrySet()) {
            JsonValue value = header.getValue();
            if (value instanceof JsonObject || value instanceof JsonArray) {
                throw ResolvedFields.invalid(
                        "headers",
                        "must hold text values, but '" + header.getKey() + "' is " + ResolvedFields.kind(value) + ".");
            }
            if (value.getValueType() != JsonValue.ValueType.NULL) {
                headers.add(header.getKey(), value instanceof JsonString text ? text.getString() : value.toString());
            }
        }
        JsonObject answer = JSON.createObjectBuilder()
                .add("status", status.intValue())
                .add("headers", headers)
                .add("body", call.resolved("body"))
                .build();
        return NodeOutcome.answering(call.input(), answer);
    }
}
