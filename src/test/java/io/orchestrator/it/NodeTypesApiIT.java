package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code GET /api/nodes/}: node discovery, with each type's form fields, which clients build their forms from. */
class NodeTypesApiIT {

    private final Api api = SharedServer.admin();

    @Test
    void everyCoreTypeIsListedWithCategoryRoutesTriggerFlagAndForm() {
        JsonObject catalogue = api.get("/api/nodes/").object(200);
        Map<String, JsonObject> types = catalogue.getJsonArray("node_types").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(type -> type.getString("key"), type -> type));

        Map<String, String> categories = Map.ofEntries(
                Map.entry("manual-trigger", "trigger"),
                Map.entry("webhook", "trigger"),
                Map.entry("schedule", "trigger"),
                Map.entry("queue-reader", "trigger"),
                Map.entry("queue-writer", "action"),
                Map.entry("http-request", "action"),
                Map.entry("transform", "action"),
                Map.entry("set-session", "action"),
                Map.entry("respond-webhook", "action"),
                Map.entry("condition", "logic"),
                Map.entry("switch", "logic"),
                Map.entry("merge", "logic"),
                Map.entry("wait", "logic"));
        categories.forEach((key, category) -> {
            JsonObject type = types.get(key);
            assertNotNull(type, key + " is listed: " + types.keySet());
            assertEquals(category, type.getString("category"), key);
            assertEquals("trigger".equals(category), type.getBoolean("trigger"), key);
            assertFalse(type.getString("name").isBlank(), key);
            assertFalse(type.getString("description").isBlank(), key);
            assertFalse(type.getJsonArray("routes").isEmpty(), key);
            assertNotNull(type.getJsonArray("form"), key);
        });
        assertEquals(
                List.of("trigger", "action", "logic"),
                catalogue.getJsonArray("categories").getValuesAs(JsonObject.class).stream()
                        .map(category -> category.getString("key"))
                        .toList());

        assertEquals(
                List.of("true", "false"), Api.strings(types.get("condition").getJsonArray("routes")));
        assertEquals(
                List.of("default", "error"),
                Api.strings(types.get("http-request").getJsonArray("routes")));
        assertEquals(List.of("default"), Api.strings(types.get("transform").getJsonArray("routes")));
        assertEquals(List.of("default"), Api.strings(types.get("switch").getJsonArray("routes")), "no cases yet");
        assertEquals("cases", types.get("switch").getString("routes_from"));
    }

    @Test
    void theCoreFormsHaveTheContractsFields() {
        Map<String, JsonObject> http = fields("http-request");
        assertEquals(
                List.of("method", "url", "headers", "query", "body", "timeout_ms", "connection"),
                List.copyOf(http.keySet()));
        assertField(http.get("method"), "choice", false, "GET");
        assertTrue(
                Api.strings(http.get("method").getJsonArray("options")).containsAll(List.of("GET", "POST", "DELETE")));
        assertField(http.get("url"), "text", true, null);
        assertField(http.get("timeout_ms"), "integer", false, 30000);
        assertEquals("key_value", http.get("headers").getString("type"));

        Map<String, JsonObject> webhook = fields("webhook");
        assertField(webhook.get("path"), "text", true, null);
        assertField(webhook.get("method"), "choice", false, "POST");
        assertField(webhook.get("response_mode"), "choice", false, "on_received");
        assertEquals(
                List.of("on_received", "last_node", "respond_node"),
                Api.strings(webhook.get("response_mode").getJsonArray("options")));
        assertField(webhook.get("secret"), "secret", false, null);

        Map<String, JsonObject> transform = fields("transform");
        assertEquals("key_value", transform.get("fields").getString("type"));
        assertField(transform.get("keep_input"), "boolean", false, false);

        assertField(fields("condition").get("expression"), "expression", true, null);
        assertEquals("string_list", fields("switch").get("cases").getString("type"));
        assertField(fields("schedule").get("cron"), "cron", true, null);
        assertEquals("number", fields("wait").get("seconds").getString("type"));
        assertEquals("text", fields("wait").get("until").getString("type"));
        assertEquals("key_value", fields("set-session").get("values").getString("type"));
        assertField(fields("respond-webhook").get("status"), "integer", false, 200);
        assertTrue(fields("respond-webhook").keySet().containsAll(List.of("headers", "body")));

        JsonObject inputs = fields("manual-trigger").get("inputs");
        assertEquals("list", inputs.getString("type"));
        List<String> itemFields = inputs.getJsonArray("item_fields").getValuesAs(JsonObject.class).stream()
                .map(field -> field.getString("name"))
                .toList();
        assertTrue(
                itemFields.containsAll(List.of("name", "type", "required", "default", "options")),
                itemFields.toString());
    }

    @Test
    void oneTypeByKeyAndUnknownKeysAre404() {
        JsonObject condition = api.get("/api/nodes/condition/").object(200);
        assertEquals("condition", condition.getString("key"));
        JsonObject listed =
                api.get("/api/nodes/").object(200).getJsonArray("node_types").getValuesAs(JsonObject.class).stream()
                        .filter(type -> type.getString("key").equals("condition"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(listed, condition, "the same description in the list and alone");

        JsonObject details = api.get("/api/nodes/teleport/").error(404, "NOT_FOUND");
        assertEquals("teleport", details.getString("id"));
        api.get("/api/nodes/" + "x".repeat(300) + "/").error(404, "NOT_FOUND");
    }

    private Map<String, JsonObject> fields(String key) {
        return api
                .get("/api/nodes/" + key + "/")
                .object(200)
                .getJsonArray("form")
                .getValuesAs(JsonObject.class)
                .stream()
                .collect(Collectors.toMap(
                        field -> field.getString("name"), field -> field, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static void assertField(JsonObject field, String type, boolean required, Object defaultValue) {
        assertNotNull(field);
        assertEquals(type, field.getString("type"), field.toString());
        assertEquals(required, field.getBoolean("required"), field.toString());
        JsonValue actual = field.get("default");
        if (defaultValue == null) {
            assertEquals(JsonValue.NULL, actual, field.toString());
        } else {
            assertEquals(
                    defaultValue.toString(),
                    actual.getValueType() == JsonValue.ValueType.STRING
                            ? field.getString("default")
                            : actual.toString(),
                    field.toString());
        }
    }
}
