package io.orchestrator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.ResourceMethods.Operation;
import io.orchestrator.platform.yaml.YamlReader;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The OpenAPI document served at /openapi is written by hand, so this keeps it true to the code:
 * every resource method is in it with its method, path and parameters, every operation in it is
 * served by a resource method, bodies, answers and security are declared, and every reference
 * resolves. A new resource method without its entry, or an entry left behind, fails here.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
    /** Headers the request body's own description covers. */
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length");

    private static JsonObject document;
    private static ResourceMethods code;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            document = YamlReader.read(text, 64, text.length() + 1).asJsonObject();
        }
        code = ResourceMethods.scan();
    }

    @Test
    void isOpenApi31AboutThisServersApplicationPath() throws IOException {
        assertTrue(document.getString("openapi").startsWith("3.1."), "OpenAPI 3.1");
        assertEquals(
                code.applicationPath(),
                document.getJsonArray("servers").getJsonObject(0).getString("url"),
                "the server URL is the application path");
        Properties version = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/orchestrator-version.properties")) {
            version.load(in);
        }
        assertEquals(
                version.getProperty("version"), document.getJsonObject("info").getString("version"));
    }

    @Test
    void everyResourceMethodIsDocumented() {
        Set<String> documented = documentedOperations();
        List<String> missing = new ArrayList<>();
        for (Operation operation : code.operations()) {
            if (operation.paths().stream().noneMatch(path -> documented.contains(key(operation.httpMethod(), path)))) {
                missing.add(operation.httpMethod().toUpperCase() + " " + operation.template() + " ("
                        + operation.javaName() + ")");
            }
        }
        assertTrue(
                missing.isEmpty(), () -> "resource methods missing from openapi.yaml:\n" + String.join("\n", missing));
        assertTrue(
                code.operations().size() > 60,
                "the walk found the resources: " + code.operations().size());
    }

    @Test
    void everyDocumentedOperationExistsInCode() {
        Set<String> served = code.operations().stream()
                .flatMap(operation -> operation.paths().stream().map(path -> key(operation.httpMethod(), path)))
                .collect(Collectors.toSet());
        Set<String> extra = new TreeSet<>(documentedOperations());
        extra.removeAll(served);
        assertTrue(extra.isEmpty(), () -> "operations in openapi.yaml that no resource serves:\n" + extra);
    }

    @Test
    void everyOperationListsItsPathQueryAndHeaderParameters() {
        List<String> wrong = new ArrayList<>();
        forEachServedAndDocumented((operation, path, op) -> {
            Map<String, Set<String>> declared = parameters(path, op);
            String where = operation.httpMethod().toUpperCase() + " " + path + ": ";
            Set<String> inTemplate = templateNames(path);
            if (!declared.getOrDefault("path", Set.of()).equals(inTemplate)) {
                wrong.add(where + "path parameters " + declared.get("path") + ", the path names " + inTemplate);
            }
            if (!declared.getOrDefault("query", Set.of()).equals(operation.queryParams())) {
                wrong.add(where + "query parameters " + declared.get("query") + ", the code reads "
                        + operation.queryParams());
            }
            Set<String> headers = lowerCase(operation.headerParams());
            headers.removeAll(BODY_HEADERS);
            if (!lowerCase(declared.getOrDefault("header", Set.of())).containsAll(headers)) {
                wrong.add(where + "header parameters " + declared.get("header") + ", the code reads " + headers);
            }
        });
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    @Test
    void anOperationHasARequestBodyExactlyWhenItsMethodReadsOne() {
        List<String> wrong = new ArrayList<>();
        forEachServedAndDocumented((operation, path, op) -> {
            String where = operation.httpMethod().toUpperCase() + " " + path;
            JsonObject body = op.containsKey("requestBody") ? resolve(op.getJsonObject("requestBody")) : null;
            if (operation.body().isPresent() != (body != null)) {
                wrong.add(where
                        + (body == null ? " reads a body but documents none" : " documents a body it never reads"));
            } else if (body != null) {
                if (body.getJsonObject("content") == null
                        || body.getJsonObject("content").isEmpty()) {
                    wrong.add(where + ": a request body without content");
                }
                // A JSON object parameter without @OptionalBody: the body reader refuses an empty body.
                ResourceMethods.Body read = operation.body().get();
                if (read.type() == JsonObject.class && !read.optional() && !body.getBoolean("required", false)) {
                    wrong.add(where + ": the body is required (an empty one is refused), the document says optional");
                }
            }
        });
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    @Test
    void everyOperationHasAnIdASuccessAndErrorsInTheErrorShape() {
        List<String> wrong = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        forEachOperation((path, method, op) -> {
            String where = method.toUpperCase() + " " + path;
            if (!op.containsKey("operationId") || !ids.add(op.getString("operationId"))) {
                wrong.add(where + ": no operationId, or one used twice");
            }
            if (!op.containsKey("summary")) {
                wrong.add(where + ": no summary");
            }
            // Swagger UI lists an operation once under each of its tags: two tags, listed twice.
            if (!op.containsKey("tags") || op.getJsonArray("tags").size() != 1) {
                wrong.add(where + ": not exactly one tag");
            }
            JsonObject responses = op.getJsonObject("responses");
            if (responses.keySet().stream().noneMatch(status -> status.startsWith("2"))) {
                wrong.add(where + ": no 2xx answer");
            }
            List<String> errors = responses.keySet().stream()
                    .filter(status -> status.startsWith("4"))
                    .toList();
            if (errors.isEmpty()) {
                wrong.add(where + ": no 4xx answer");
            }
            for (String status : responses.keySet()) {
                if (status.compareTo("4") >= 0
                        && !"503".equals(status)
                        && !isErrorShape(resolve(responses.getJsonObject(status)))) {
                    wrong.add(where + ": " + status + " is not answered in the {error, code, details} shape");
                }
            }
        });
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    @Test
    void theErrorSchemaIsTheOneErrorBodyWrites() {
        JsonObject error =
                document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Error");
        JsonObject written = ErrorBody.of(ErrorCode.NOT_FOUND, "x", null);
        assertEquals(written.keySet(), error.getJsonObject("properties").keySet());
        Set<String> codes = error.getJsonObject("properties").getJsonObject("code").getJsonArray("enum").stream()
                .map(value -> ((JsonString) value).getString())
                .collect(Collectors.toSet());
        assertEquals(java.util.Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet()), codes);
    }

    /** web.xml decides which paths need a token (the longest matching pattern wins); the document must agree. */
    @Test
    void exactlyThePathsWebXmlLeavesOpenNeedNoToken() throws Exception {
        Map<String, Boolean> constraints = webXmlConstraints();
        assertTrue(document.getJsonArray("security").getJsonObject(0).containsKey("bearer"), "bearer by default");
        List<String> wrong = new ArrayList<>();
        forEachOperation((path, method, op) -> {
            String full = code.applicationPath() + path;
            String pattern = constraints.keySet().stream()
                    .filter(candidate -> full.startsWith(candidate.substring(0, candidate.length() - 1)))
                    .max((a, b) -> Integer.compare(a.length(), b.length()))
                    .orElseThrow(() -> new AssertionError("no constraint covers " + full));
            boolean needsToken = constraints.get(pattern);
            boolean open =
                    op.containsKey("security") && op.getJsonArray("security").isEmpty();
            if (needsToken == open) {
                wrong.add(method.toUpperCase() + " " + path + (needsToken ? " needs a token" : " is open")
                        + " (web.xml " + pattern + ")");
            }
        });
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        collectReferences(document, broken);
        assertTrue(broken.isEmpty(), () -> "unresolved $ref: " + broken);
    }

    // ---- reading the document

    private interface OperationVisitor {
        void visit(String path, String method, JsonObject operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.keySet()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.keySet()) {
                if (METHODS.contains(method)) {
                    visitor.visit(path, method, item.getJsonObject(method));
                }
            }
        }
    }

    private interface ServedOperationVisitor {
        void visit(Operation operation, String path, JsonObject documented);
    }

    /** Each path of each resource method that openapi.yaml documents (the others are another test's finding). */
    private static void forEachServedAndDocumented(ServedOperationVisitor visitor) {
        for (Operation operation : code.operations()) {
            for (String path : operation.paths()) {
                JsonObject documented = operationAt(path, operation.httpMethod());
                if (documented != null) {
                    visitor.visit(operation, path, documented);
                }
            }
        }
    }

    private static Set<String> documentedOperations() {
        Set<String> operations = new LinkedHashSet<>();
        forEachOperation((path, method, op) -> operations.add(key(method, path)));
        return operations;
    }

    private static String key(String method, String path) {
        return method + " " + path;
    }

    private static JsonObject operationAt(String path, String method) {
        JsonObject item = document.getJsonObject("paths").getJsonObject(path);
        return item == null ? null : item.getJsonObject(method);
    }

    /** The parameters' names by where they go ({@code path}, {@code query}, {@code header}), the path item's included. */
    private static Map<String, Set<String>> parameters(String path, JsonObject operation) {
        Map<String, Set<String>> byPlace = new java.util.HashMap<>();
        List<JsonValue> all = new ArrayList<>();
        JsonObject item = document.getJsonObject("paths").getJsonObject(path);
        if (item.containsKey("parameters")) {
            all.addAll(item.getJsonArray("parameters"));
        }
        if (operation.containsKey("parameters")) {
            all.addAll(operation.getJsonArray("parameters"));
        }
        for (JsonValue value : all) {
            JsonObject parameter = resolve(value.asJsonObject());
            byPlace.computeIfAbsent(parameter.getString("in"), in -> new LinkedHashSet<>())
                    .add(parameter.getString("name"));
        }
        return byPlace;
    }

    private static Set<String> templateNames(String path) {
        Set<String> names = new LinkedHashSet<>();
        java.util.regex.Matcher match =
                java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(path);
        while (match.find()) {
            names.add(match.group(1));
        }
        return names;
    }

    private static boolean isErrorShape(JsonObject response) {
        JsonObject content = response.getJsonObject("content");
        if (content == null || !content.containsKey("application/json")) {
            return false;
        }
        JsonObject schema = content.getJsonObject("application/json").getJsonObject("schema");
        return schema != null && "#/components/schemas/Error".equals(schema.getString("$ref", null));
    }

    /** The object itself, or the one its {@code $ref} points to (within this document). */
    private static JsonObject resolve(JsonObject object) {
        return object.containsKey("$ref") ? pointer(object.getString("$ref")) : object;
    }

    private static JsonObject pointer(String ref) {
        if (!ref.startsWith("#/")) {
            throw new AssertionError("only references inside the document: " + ref);
        }
        JsonValue at = document;
        for (String part : ref.substring(2).split("/")) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (!(at instanceof JsonObject object) || !object.containsKey(name)) {
                return null;
            }
            at = object.get(name);
        }
        return at.asJsonObject();
    }

    private static void collectReferences(JsonValue value, List<String> broken) {
        if (value instanceof JsonObject object) {
            if (object.get("$ref") instanceof JsonString ref && pointer(ref.getString()) == null) {
                broken.add(ref.getString());
            }
            object.values().forEach(child -> collectReferences(child, broken));
        } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            value.asJsonArray().forEach(child -> collectReferences(child, broken));
        }
    }

    private static Set<String> lowerCase(Set<String> names) {
        return names.stream().map(String::toLowerCase).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** url-pattern → whether the constraint that names it needs an authenticated caller. */
    private static Map<String, Boolean> webXmlConstraints() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setNamespaceAware(true);
        org.w3c.dom.Document xml;
        try (InputStream in = Files.newInputStream(Path.of("src/main/webapp/WEB-INF/web.xml"))) {
            xml = factory.newDocumentBuilder().parse(in);
        }
        Map<String, Boolean> patterns = new java.util.HashMap<>();
        NodeList constraints = xml.getElementsByTagNameNS("*", "security-constraint");
        for (int i = 0; i < constraints.getLength(); i++) {
            Element constraint = (Element) constraints.item(i);
            boolean needsToken =
                    constraint.getElementsByTagNameNS("*", "auth-constraint").getLength() > 0;
            NodeList urls = constraint.getElementsByTagNameNS("*", "url-pattern");
            for (int j = 0; j < urls.getLength(); j++) {
                patterns.put(urls.item(j).getTextContent().trim(), needsToken);
            }
        }
        return patterns;
    }
}
