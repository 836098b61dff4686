package io.orchestrator.nodes;

import io.orchestrator.connections.ConnectionKind;
import io.orchestrator.connections.ConnectionLookup;
import io.orchestrator.connections.ConnectionSettings;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.nodes.http.ConnectionCredentials;
import io.orchestrator.nodes.http.CookieJar;
import io.orchestrator.nodes.http.InboundResponse;
import io.orchestrator.nodes.http.OutboundHttp;
import io.orchestrator.nodes.http.OutboundRequest;
import io.orchestrator.nodes.http.RequestForm;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.HttpUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Calls an HTTP endpoint; its output is the response. */
@ApplicationScoped
public class HttpRequestNode implements NodeType {

    private static final Form FORM = new Form(
            FormField.of("method", FieldType.CHOICE)
                    .options("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
                    .defaultValue("GET"),
            FormField.of("url", FieldType.TEXT)
                    .label("URL")
                    .required()
                    .help("http or https; may use ${...} templates."),
            FormField.of("headers", FieldType.KEY_VALUE),
            FormField.of("query", FieldType.KEY_VALUE).label("Query parameters"),
            FormField.of("body", FieldType.JSON).help("Sent as JSON; a string is sent as it is."),
            FormField.of("timeout_ms", FieldType.INTEGER)
                    .label("Timeout (ms)")
                    .defaultValue(30_000)
                    .range(1, 300_000),
            FormField.of("connection", FieldType.TEXT)
                    .help(
                            "The id of an http connection: its secret goes out as credentials, its headers are added"
                                    + " (the node's own win), and a url without http:// or https:// is joined to its base URL."));

    @Inject
    OutboundHttp outbound;

    @Inject
    ConnectionLookup connections;

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
    public boolean mayBlock() {
        return true;
    }

    @Override
    public List<String> routes(JsonObject formValues) {
        return Routes.DEFAULT_AND_ERROR;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        boolean withConnection = values.get("connection") instanceof JsonString connection
                && !connection.getString().isBlank();
        if (withConnection && !FormValidator.isTemplate(values.get("connection"))) {
            try {
                String id = values.getString("connection").trim();
                usable(id, connections.find(id));
            } catch (NodeFailure unusable) {
                errors.add("connection", unusable.getMessage());
            }
        }
        if (!(values.get("url") instanceof JsonString url)
                || withConnection && !url.getString().trim().matches("(?i)^https?:.*")
                || url.getString().isBlank()
                || FormValidator.isTemplate(url)) {
            return;
        }
        String problem = HttpUrls.problemWith(url.getString());
        if (problem != null) {
            errors.add("url", problem);
        }
    }

    /**
     * Sends the request with the session's cookies and outputs {@code {status, headers, body}}. A
     * status of 400 or more fails the node ({@code http}) with the response as the failure's
     * details, so that the error route can read it.
     */
    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        ConnectionSettings connection = call.resolved("connection") instanceof JsonString id
                        && !id.getString().isBlank()
                ? usable(
                        id.getString().trim(),
                        connections.findFor(call.workflowId(), id.getString().trim()))
                : null;
        JsonValue url = call.resolved("url");
        OutboundRequest request = RequestForm.request(
                method(call.resolved("method")),
                connection == null ? url : ConnectionCredentials.url(connection, url),
                call.resolved("headers"),
                call.resolved("query"),
                call.resolved("body"));
        if (connection != null) {
            request = ConnectionCredentials.apply(connection, request);
        }
        Duration timeout = RequestForm.timeout(call.resolved("timeout_ms"), call.remainingMillis());
        CookieJar cookies = CookieJar.from(call.session().cookies());
        InboundResponse response;
        try {
            response = outbound.send(request, cookies, timeout);
        } finally {
            // Cookies set before a failure (by a redirect, or with an error status) are kept too.
            if (cookies.changed()) {
                call.session().replaceCookies(cookies.toJson());
            }
        }
        if (response.status() >= 400) {
            throw new NodeFailure(ErrorType.HTTP, response.failureMessage(), response.toJson(), null);
        }
        return NodeOutcome.of(response.toJson());
    }

    /** The named http connection, or a {@code validation} failure saying why it cannot be used. */
    private static ConnectionSettings usable(String id, Optional<ConnectionSettings> found) throws NodeFailure {
        ConnectionSettings connection = found.orElseThrow(() -> new NodeFailure(
                ErrorType.VALIDATION,
                "The connection '" + id + "' does not exist (it may have been deleted); choose another"
                        + " in the node's connection field."));
        if (connection.kind() != ConnectionKind.HTTP) {
            throw new NodeFailure(
                    ErrorType.VALIDATION,
                    "The connection '" + connection.name() + "' is of kind "
                            + connection.kind().wireName() + "; an http-request node takes an http connection.");
        }
        return connection;
    }

    private static String method(JsonValue resolved) throws NodeFailure {
        if (resolved.getValueType() == JsonValue.ValueType.NULL) {
            return "GET";
        }
        List<String> methods = FORM.field("method").orElseThrow().options();
        String method =
                resolved instanceof JsonString text ? text.getString().trim().toUpperCase(Locale.ROOT) : "";
        if (!methods.contains(method)) {
            throw new NodeFailure(
                    ErrorType.VALIDATION,
                    "method must be one of " + String.join(", ", methods) + ", not " + resolved + ".");
        }
        return method;
    }
}
