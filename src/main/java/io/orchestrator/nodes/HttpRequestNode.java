package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Calls an HTTP endpoint; its output is the response. */
@ApplicationScoped
public class HttpRequestNode implements NodeType {

    private static final Form FORM = new Form(
            FormField.of("method", FieldType.CHOICE).options("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
                    .defaultValue("GET"),
            FormField.of("url", FieldType.TEXT).label("URL").required().help("http or https; may use ${...} templates."),
            FormField.of("headers", FieldType.KEY_VALUE),
            FormField.of("query", FieldType.KEY_VALUE).label("Query parameters"),
            FormField.of("body", FieldType.JSON).help("Sent as JSON; a string is sent as it is."),
            FormField.of("timeout_ms", FieldType.INTEGER).label("Timeout (ms)").defaultValue(30_000).range(1, 300_000),
            FormField.of("connection", FieldType.TEXT).help("The name of a connection holding credentials."));

    @Override
    public String key() {
        return "http-request";
    }

    @Override
    public String displayName() {
        return "HTTP Request";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.ACTION;
    }

    @Override
    public String description() {
        return "Calls a URL and outputs {status, headers, body}; the error route takes failures.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public List<String> routes(JsonObject formValues) {
        return Routes.DEFAULT_AND_ERROR;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        if (!(values.get("url") instanceof JsonString url) || url.getString().isBlank()
                || FormValidator.isTemplate(url)) {
            return;
        }
        try {
            URI uri = new URI(url.getString().trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                errors.add("url", "Must be an absolute http:// or https:// URL.");
            }
        } catch (URISyntaxException invalid) {
            errors.add("url", "Not a valid URL: " + invalid.getReason() + ".");
        }
    }
}
