package io.orchestrator.nodes;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.platform.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.UUID;
import java.util.regex.Pattern;

/** An HTTP endpoint under /api/hooks/{path} that starts a run with the request as input. */
@ApplicationScoped
public class WebhookNode implements NodeType {

    public static final String KEY = "webhook";

    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    private static final Form FORM = new Form(
            FormField.of("path", FieldType.TEXT)
                    .required()
                    .help("The endpoint is /api/hooks/{path}; letters, digits, . _ ~ - and /. Unique on the server."),
            FormField.of("method", FieldType.CHOICE)
                    .options("GET", "POST", "PUT", "PATCH", "DELETE")
                    .defaultValue("POST"),
            FormField.of("response_mode", FieldType.CHOICE)
                    .options("on_received", "last_node", "respond_node")
                    .defaultValue("on_received")
                    .help("on_received: 202 with the task id at once; last_node: the output of the node that finished"
                            + " last; respond_node: what a Respond to Webhook node says."),
            FormField.of("secret", FieldType.SECRET)
                    .help(
                            "When set, callers send it in X-Webhook-Secret, or sign each call with it: X-Webhook-Timestamp"
                                    + " (Unix seconds, within 5 minutes of the server's clock) and X-Webhook-Signature:"
                                    + " sha256=<HMAC-SHA256 of the timestamp, a dot and the body>."));

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Webhook";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.TRIGGER;
    }

    @Override
    public String description() {
        return "Starts a run when its URL is called; answers at once, or with the run's result.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        if (values.get("path") instanceof JsonString path
                && (path.getString().length() > 200
                        || !PATH.matcher(path.getString()).matches())) {
            errors.add("path", "Use letters, digits, . _ ~ - and / between segments (at most 200 characters).");
        } else if (values.get("path") instanceof JsonString path
                && DOT_SEGMENT.matcher(path.getString()).find()) {
            // Clients and servers collapse "." and ".." in URLs, so such a hook could never be called as written.
            errors.add("path", "A segment may not be '.' or '..'.");
        }
    }

    /** A new webhook gets a random path, as in n8n, so that it works before anyone names it. */
    @Override
    public JsonObject initialValues(JsonObject given) {
        JsonObject values = NodeType.super.initialValues(given);
        if (values.containsKey("path")) {
            return values;
        }
        return JSON.createObjectBuilder(values)
                .add("path", UUID.randomUUID().toString())
                .build();
    }

    /** The engine built the run's input from the trigger; it is this node's output. */
    @Override
    public NodeOutcome execute(NodeCall call) {
        return NodeOutcome.of(call.input());
    }
}
