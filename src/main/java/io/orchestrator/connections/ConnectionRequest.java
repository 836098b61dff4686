package io.orchestrator.connections;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.connections.ConnectionDraft.SecretChange;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.HttpUrls;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.SecretMask;
import io.orchestrator.workspaces.Workspace;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a connection from a request document, field by field, so that one 422 lists every
 * problem. The document is the whole connection: a PATCH is merged over the stored one first.
 */
public final class ConnectionRequest {

    static final int MAX_SECRET = 10_000;
    static final int MAX_HEADERS = 50;
    static final int MAX_HEADER_VALUE = 8_000;
    static final int MAX_MODELS = 1_000;
    static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000_000);

    /** How an http connection's secret goes out. */
    public static final List<String> HTTP_AUTH = List.of("bearer", "basic", "header");

    /** The fields a client may send; the read-only ones of an answer may come back and are ignored. */
    private static final Set<String> KNOWN = Set.of(
            "name",
            "kind",
            "base_url",
            "secret",
            "headers",
            "models",
            "prices",
            "defaults",
            "workspace",
            "id",
            "created_at",
            "updated_at");

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

    private ConnectionRequest() {}

    /**
     * The draft, or the 422 with every problem.
     *
     * @param hasStoredSecret whether the connection being changed has a secret the mask can keep
     */
    public static ConnectionDraft read(JsonObject document, boolean hasStoredSecret) {
        RequestBody body = RequestBody.of(document);
        FieldErrors errors = body.errors();
        document.keySet().stream()
                .filter(field -> !KNOWN.contains(field))
                .forEach(field -> errors.add(
                        field,
                        "Unknown field. Known fields: name, kind, base_url, secret,"
                                + " headers, models, prices, defaults."));
        String name = body.requiredText("name", 200);
        ConnectionKind kind = kind(body);
        String baseUrl = baseUrl(body, kind);
        SecretChange secret = secret(body, hasStoredSecret);
        boolean withSecret = !(secret instanceof SecretChange.Remove);
        JsonObject headers = headers(body, withSecret);
        JsonArray models = models(body);
        JsonObject prices = prices(body);
        JsonObject defaults = defaults(body, kind);
        String workspace = body.text("workspace", 64).orElse(Workspace.DEFAULT);
        body.validate();
        return new ConnectionDraft(name, kind, baseUrl, secret, headers, models, prices, defaults, workspace);
    }

    private static ConnectionKind kind(RequestBody body) {
        String given = body.requiredText("kind", 40);
        if (given == null) {
            return null;
        }
        return ConnectionKind.named(given.toLowerCase(Locale.ROOT)).orElseGet(() -> {
            body.errors().add("kind", "Must be one of: " + kindNames() + ".");
            return null;
        });
    }

    static String kindNames() {
        return String.join(
                ", ",
                java.util.Arrays.stream(ConnectionKind.values())
                        .map(ConnectionKind::wireName)
                        .toList());
    }

    private static String baseUrl(RequestBody body, ConnectionKind kind) {
        String url = body.text("base_url", 2000)
                .map(String::trim)
                .filter(text -> !text.isEmpty())
                .orElse(null);
        if (url == null) {
            if (kind == ConnectionKind.OPENAI || kind == ConnectionKind.KOBOLD) {
                body.errors().add("base_url", "An " + kind.wireName() + " connection needs the server's URL.");
            } else if (kind == ConnectionKind.RABBITMQ) {
                body.errors().add("base_url", "A rabbitmq connection needs the broker's amqp://host:port URL.");
            }
            return null;
        }
        String problem = kind == ConnectionKind.RABBITMQ ? AmqpUrl.problem(url) : urlProblem(url);
        if (problem != null) {
            body.errors().add("base_url", problem);
            return null;
        }
        return url;
    }

    /** What is wrong with a base URL, or null: the http-request node's rule, and no credentials, query or fragment. */
    static String urlProblem(String url) {
        String problem = HttpUrls.problemWith(url);
        if (problem != null) {
            return problem;
        }
        URI uri = URI.create(url);
        if (uri.getRawUserInfo() != null) {
            return "Must not hold credentials; put them in secret.";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "Must not have a query or a fragment.";
        }
        return null;
    }

    private static SecretChange secret(RequestBody body, boolean hasStoredSecret) {
        if (!body.has("secret") || body.json().isNull("secret")) {
            return new SecretChange.Remove();
        }
        if (!(body.json().get("secret") instanceof JsonString text)) {
            body.errors().add("secret", "Must be a string, or null for none.");
            return new SecretChange.Remove();
        }
        String secret = text.getString();
        if (secret.equals(SecretMask.TEXT)) {
            if (!hasStoredSecret) {
                body.errors().add("secret", "There is no stored secret to keep: send the secret itself.");
            }
            return new SecretChange.Keep();
        }
        if (secret.isEmpty()) {
            return new SecretChange.Remove();
        }
        if (secret.length() > MAX_SECRET) {
            body.errors().add("secret", "Must be at most " + MAX_SECRET + " characters.");
        } else if (hasLineBreak(secret)) {
            // It goes out in a header: a line break would let it add headers of its own.
            body.errors().add("secret", "Must not contain line breaks.");
        }
        return new SecretChange.Set(secret);
    }

    private static JsonObject headers(RequestBody body, boolean withSecret) {
        JsonObject given = body.object("headers").orElse(JsonValue.EMPTY_JSON_OBJECT);
        if (given.size() > MAX_HEADERS) {
            body.errors().add("headers", "At most " + MAX_HEADERS + " headers.");
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        FieldErrors errors = body.errors().nested("headers");
        for (Map.Entry<String, JsonValue> header : given.entrySet()) {
            String name = header.getKey();
            if (!HEADER_NAME.matcher(name).matches()) {
                errors.add(name, "Not a valid header name.");
            } else if (withSecret && name.equalsIgnoreCase("authorization")) {
                errors.add(name, "The secret already gives the Authorization header; remove one of them.");
            } else if (!(header.getValue() instanceof JsonString value)) {
                errors.add(name, "Must be a string.");
            } else if (value.getString().length() > MAX_HEADER_VALUE) {
                errors.add(name, "Must be at most " + MAX_HEADER_VALUE + " characters.");
            } else if (hasLineBreak(value.getString())) {
                errors.add(name, "Must not contain line breaks.");
            }
        }
        return given;
    }

    private static JsonArray models(RequestBody body) {
        JsonArray given = body.array("models").orElse(JsonValue.EMPTY_JSON_ARRAY);
        if (given.size() > MAX_MODELS) {
            body.errors().add("models", "At most " + MAX_MODELS + " models.");
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        FieldErrors errors = body.errors().nested("models");
        Set<String> seen = new HashSet<>();
        JsonArrayBuilder models = JSON.createArrayBuilder();
        for (int i = 0; i < given.size(); i++) {
            if (!(given.get(i) instanceof JsonString model) || model.getString().isBlank()) {
                errors.add("[" + i + "]", "Must be a model name (a non-blank string).");
            } else if (model.getString().length() > 200) {
                errors.add("[" + i + "]", "Must be at most 200 characters.");
            } else if (!seen.add(model.getString().trim())) {
                errors.add("[" + i + "]", "'" + model.getString().trim() + "' is listed twice.");
            } else {
                models.add(model.getString().trim());
            }
        }
        return models.build();
    }

    private static JsonObject prices(RequestBody body) {
        JsonObject given = body.object("prices").orElse(JsonValue.EMPTY_JSON_OBJECT);
        if (given.size() > MAX_MODELS) {
            body.errors().add("prices", "At most " + MAX_MODELS + " models.");
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        FieldErrors errors = body.errors().nested("prices");
        for (Map.Entry<String, JsonValue> price : given.entrySet()) {
            if (!(price.getValue() instanceof JsonObject perModel)) {
                errors.add(price.getKey(), "Must be an object {input_per_1k, output_per_1k}.");
                continue;
            }
            FieldErrors modelErrors = errors.nested(price.getKey());
            for (String field : perModel.keySet()) {
                if (!field.equals("input_per_1k") && !field.equals("output_per_1k")) {
                    modelErrors.add(field, "Unknown field: a price has input_per_1k and output_per_1k.");
                }
            }
            for (String field : List.of("input_per_1k", "output_per_1k")) {
                JsonValue value = perModel.get(field);
                if (value == null) {
                    modelErrors.add(field, "This field is required (USD per 1,000 tokens; 0 for free).");
                } else if (!(value instanceof JsonNumber number)) {
                    modelErrors.add(field, "Must be a number.");
                } else if (number.bigDecimalValue().signum() < 0
                        || number.bigDecimalValue().compareTo(MAX_PRICE) > 0) {
                    modelErrors.add(field, "Must be between 0 and " + MAX_PRICE + ".");
                }
            }
        }
        return given;
    }

    private static JsonObject defaults(RequestBody body, ConnectionKind kind) {
        JsonObject given = body.object("defaults").orElse(JsonValue.EMPTY_JSON_OBJECT);
        if (kind != ConnectionKind.HTTP) {
            return given;
        }
        FieldErrors errors = body.errors().nested("defaults");
        JsonValue auth = given.get("auth");
        String mode = auth instanceof JsonString text ? text.getString() : auth == null ? "bearer" : null;
        if (mode == null || !HTTP_AUTH.contains(mode)) {
            errors.add("auth", "Must be one of: " + String.join(", ", HTTP_AUTH) + ".");
        } else if (mode.equals("header")) {
            if (!(given.get("header_name") instanceof JsonString name)
                    || !HEADER_NAME.matcher(name.getString()).matches()) {
                errors.add("header_name", "The header that carries the secret (a valid header name) is required.");
            }
        }
        return given;
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0;
    }

    /** The document a PATCH starts from: the connection as answered, so that the mask keeps the secret. */
    static JsonObjectBuilder document(StoredConnection connection) {
        return JSON.createObjectBuilder(ConnectionJson.of(connection));
    }
}
