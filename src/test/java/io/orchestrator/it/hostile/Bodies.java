package io.orchestrator.it.hostile;

import io.orchestrator.it.hostile.Fixtures.Kind;
import io.orchestrator.it.support.Uploads;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Request bodies: a well-meaning one for each {@link Endpoint.Body}, the same with one field made
 * hostile, and bodies hostile as a whole (malformed, not an object, nested, too big, not UTF-8,
 * a number no type holds). The big ones are made once and shared: the storm sends them often.
 */
final class Bodies {

    /** A body with its content type and a few words for a failure's message. */
    record Body(byte[] bytes, String contentType, boolean chunked, String summary) {}

    static final int MAX_BODY = 2 * 1024 * 1024;
    static final String JSON = "application/json";

    private static final byte[] OVER_LIMIT = utf8("{\"name\": \"" + "a".repeat(MAX_BODY + 100) + "\"}");
    /** A string of 1.8 MB, under the body limit (templates that long are {@link ExpressionBombs}' business). */
    private static final String LONG_STRING = "\"" + "long text ".repeat(180_000) + "\"";

    private static final String MANY_KEYS = manyKeys(50_000);
    private static final List<String> MALFORMED = List.of(
            "{\"name\": \"cut short\"",
            "{name: 'unquoted'}",
            "not json at all",
            "{\"name\": \"a\"} {\"name\": \"b\"}",
            "{\"name\": \"a\",}",
            "{\"name\": tru}",
            "{\"a\": NaN}",
            "{\"a\": Infinity}",
            "{\"a\": 01}",
            "{\"a\": 1.}",
            "{\"a\": .5e}",
            "{\"a\": \"\\x41\"}",
            "{\"a\": \"\\u12\"}",
            "{\"a\"::1}",
            "{\"a\": [1, 2}",
            "\u0000",
            "\uFEFF{\"name\": \"bom\"}",
            "{\"name\": \"" + "unterminated ".repeat(1000));
    private static final List<String> NOT_OBJECTS =
            List.of("[]", "[{\"name\": \"x\"}]", "\"a string\"", "42", "null", "true");
    private static final List<byte[]> BAD_UTF8 = List.of(
            new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xFF, (byte) 0xFE},
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82});
    private static final List<String> YAML = List.of(
            "a: &a [\"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\"]\n"
                    + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                    + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                    + "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
            "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n",
            "name: " + "[".repeat(1_000) + "]".repeat(1_000) + "\n",
            "name: [unclosed\n",
            "name: x\nnodes:\n  - {name: A, node_type: no-such-type}\n",
            "name: " + "a".repeat(1_800_000) + "\n",
            "\t- tabs: are not indentation\n",
            "name: big\nsettings: {concurrency_limit: 1e100000000}\n");
    private static final List<String> WRONG_CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "application/json; charset=ISO-8859-1",
            "application/json; charset=utf-16",
            "a/b/c",
            "*/*",
            "application/yaml",
            ";;;");

    private final Fixtures fixtures;

    Bodies(Fixtures fixtures) {
        this.fixtures = fixtures;
    }

    /** A body for this kind of endpoint: valid, one field hostile, or hostile as a whole. */
    Body any(Endpoint.Body kind, Random random) {
        if (kind == Endpoint.Body.MULTIPART) {
            return multipart(random);
        }
        if (kind == Endpoint.Body.IMPORT && random.nextInt(3) == 0) {
            return new Body(utf8(HostileValues.one(random, YAML)), "application/yaml", false, "YAML");
        }
        Map<String, String> fields = valid(kind == Endpoint.Body.NONE ? Endpoint.Body.WORKFLOW : kind, random);
        int pick = random.nextInt(100);
        if (pick < 30) {
            return json(object(fields), "valid " + kind);
        }
        if (pick < 65) {
            return oneFieldHostile(fields, random, kind);
        }
        return wholeBodyHostile(fields, random);
    }

    private Body oneFieldHostile(Map<String, String> fields, Random random, Endpoint.Body kind) {
        List<String> keys = new ArrayList<>(fields.keySet());
        String value = HostileValues.any(random);
        int how = random.nextInt(10);
        if (how == 0) {
            fields.put("unknown_" + random.nextInt(100), value);
            return json(object(fields), kind + " plus an unknown field = " + excerpt(value));
        }
        String key = keys.get(random.nextInt(keys.size()));
        if (how == 2) {
            String once = object(fields);
            return json(
                    once.substring(0, once.length() - 1) + ", \"" + key + "\": " + value + "}",
                    kind + " with " + key + " twice, then " + excerpt(value));
        }
        String nested = random.nextBoolean() ? nestInside(fields.get(key), value) : null;
        fields.put(key, nested != null ? nested : value);
        return json(object(fields), kind + " with " + key + " = " + excerpt(nested != null ? nested : value));
    }

    /** The hostile value put one level down in an object or list field, where validation looks less. */
    private static String nestInside(String valid, String hostile) {
        if (valid.startsWith("{\"")) {
            int colon = valid.indexOf(':');
            int end = valid.indexOf(',', colon);
            if (end < 0) {
                end = valid.lastIndexOf('}');
            }
            return valid.substring(0, colon + 1) + " " + hostile + valid.substring(end);
        }
        if (valid.startsWith("[") && valid.length() > 2) {
            return "[" + hostile + ", " + valid.substring(1);
        }
        return null;
    }

    private Body wholeBodyHostile(Map<String, String> fields, Random random) {
        int pick = random.nextInt(100);
        if (pick < 20) {
            return json(HostileValues.one(random, MALFORMED), "malformed JSON");
        }
        if (pick < 30) {
            return json(HostileValues.one(random, NOT_OBJECTS), "not an object");
        }
        if (pick < 36) {
            return new Body(random.nextBoolean() ? new byte[0] : utf8("  \n"), JSON, false, "empty");
        }
        if (pick < 44) {
            return json(HostileValues.one(random, HostileValues.NESTED), "nested");
        }
        if (pick < 50) {
            return json(HostileValues.one(random, HostileValues.BIG_NUMBERS), "a bare big number");
        }
        if (pick < 62) {
            return invalidUtf8(object(fields), random);
        }
        if (pick < 66) {
            return new Body(OVER_LIMIT, JSON, random.nextBoolean(), "over the body limit");
        }
        if (pick < 69) {
            return json(
                    "{\"name\": " + LONG_STRING + ", \"content\": " + LONG_STRING.substring(0, 1000) + "\"}",
                    "a 1.8 MB string");
        }
        if (pick < 73) {
            return json(MANY_KEYS, "50,000 keys");
        }
        if (pick < 88) {
            Body valid = json(object(fields), "valid body");
            return new Body(
                    valid.bytes(), HostileValues.one(random, WRONG_CONTENT_TYPES), false, "valid body, wrong type");
        }
        return new Body(utf8(object(fields)), null, false, "valid body, no content type");
    }

    private static Body invalidUtf8(String text, Random random) {
        int quote = text.indexOf(": \"");
        byte[] valid = utf8(text);
        byte[] bad = HostileValues.one(random, BAD_UTF8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = quote < 0 ? valid.length / 2 : utf8(text.substring(0, quote + 3)).length;
        out.write(valid, 0, at);
        out.writeBytes(bad);
        out.write(valid, at, valid.length - at);
        return new Body(out.toByteArray(), JSON, false, "not UTF-8");
    }

    private Body multipart(Random random) {
        String run = random.nextInt(3) == 0 ? UUID.randomUUID().toString() : fixtures.first(Kind.RUN);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("run_id", run);
        int pick = random.nextInt(8);
        switch (pick) {
            case 0 -> fields.put("artifact_type", HostileValues.one(random, HostileValues.ODD_STRINGS));
            case 1 -> fields.put("tags", HostileValues.any(random));
            case 2 -> fields.put("name", "x".repeat(100_000));
            case 3 -> fields.put("node_id", "../../etc");
            default -> fields.put("name", "upload");
        }
        String fileName = random.nextBoolean() ? "../../../../etc/passwd" : "ok.txt";
        byte[] form = Uploads.form(fields, fileName, "text/plain", utf8("hostile"));
        return switch (random.nextInt(6)) {
            case 0 -> new Body(form, "multipart/form-data", false, "multipart without a boundary");
            case 1 ->
                new Body(
                        java.util.Arrays.copyOf(form, form.length / 2),
                        Uploads.CONTENT_TYPE,
                        false,
                        "multipart cut short");
            case 2 -> new Body(utf8("{\"run_id\": \"" + run + "\"}"), JSON, false, "JSON instead of multipart");
            default ->
                new Body(
                        form,
                        Uploads.CONTENT_TYPE,
                        random.nextBoolean(),
                        "multipart " + fields.keySet() + " file " + fileName);
        };
    }

    /** The fields a well-meaning client sends, as raw JSON text, for the generator to spoil. */
    private Map<String, String> valid(Endpoint.Body kind, Random random) {
        Map<String, String> fields = new LinkedHashMap<>();
        String node = quoted(HostileValues.one(random, fixtures.pool(Kind.NODE)));
        String other = quoted(HostileValues.one(random, fixtures.pool(Kind.NODE)));
        String n = Integer.toString(random.nextInt(1_000_000));
        switch (kind) {
            case WORKFLOW -> {
                fields.put("name", "\"storm " + n + "\"");
                fields.put("description", "\"made by the hostile storm\"");
                fields.put("settings", "{\"concurrency_limit\": 2, \"execution_timeout_seconds\": 60}");
            }
            case WORKFLOW_PATCH -> {
                fields.put("description", "\"patched " + n + "\"");
                fields.put("settings", "{\"keep_executions\": \"all\", \"webhook_rate_limit\": 100}");
            }
            case CANVAS -> {
                // A stale version: a valid replacement is refused (409) and the edited graph stays.
                fields.put("version", "1");
                fields.put(
                        "nodes",
                        "[{\"id\": \"a\", \"node_type\": \"transform\", \"name\": \"A\", \"position\": {\"x\": 0, \"y\": 0},"
                                + " \"form_values\": {}}, {\"id\": \"b\", \"node_type\": \""
                                + (random.nextBoolean() ? "no-such-type" : "transform")
                                + "\", \"name\": \"B\", \"position\": {\"x\": 1, \"y\": 1}}]");
                fields.put(
                        "edges",
                        random.nextBoolean()
                                ? "[{\"source\": \"a\", \"target\": \"b\"}, {\"source\": \"b\", \"target\": \"a\"}]"
                                : "[{\"source\": \"a\", \"target\": \"b\"}]");
            }
            case NODE_ADD -> {
                fields.put("nodeTemplate", random.nextInt(4) == 0 ? "\"no-such-type\"" : "\"transform\"");
                fields.put("position", "{\"x\": " + n + ", \"y\": 2}");
                fields.put("form_values", "{\"fields\": {\"a\": \"${input}\"}}");
                fields.put("name", "\"added " + n + "\"");
            }
            case NODE_PATCH -> {
                fields.put("form_values", "{\"fields\": {\"b\": \"text\"}, \"expression\": \"${input.a > 2}\"}");
                fields.put("disabled", "false");
                fields.put("retry", "{\"max_attempts\": 2, \"delay_ms\": 10, \"backoff_multiplier\": 2}");
                fields.put("timeout_ms", "1000");
            }
            case POSITION -> fields.put("position", "{\"x\": " + n + ", \"y\": -5.5}");
            case PIN -> {
                fields.put("output", "{\"amount\": " + n + "}");
                fields.put("route", random.nextBoolean() ? "\"default\"" : "\"no-such-route\"");
            }
            case PREVIEW -> {
                fields.put(
                        "template",
                        "\"" + HostileValues.one(random, List.of("${input.amount * 2}", "${nosuch(", "${'x' * 9}"))
                                + "\"");
                fields.put("kind", random.nextBoolean() ? "\"text\"" : "\"expression\"");
                fields.put("input_data", "{\"amount\": " + n + "}");
            }
            case NOTE -> {
                fields.put("text", "\"# Note " + n + "\\n**why** it waits\"");
                fields.put("position", "{\"x\": " + n + ", \"y\": 3}");
                fields.put("color", random.nextBoolean() ? "\"yellow\"" : "\"no-such-color\"");
            }
            case EDGE -> {
                fields.put("source", node);
                fields.put("source_handle", random.nextBoolean() ? "\"default\"" : "\"true\"");
                fields.put("target", other);
            }
            case RUN_INPUT -> {
                if (random.nextBoolean()) {
                    fields.put("amount", n);
                } else {
                    fields.put("input", "{\"amount\": " + n + "}");
                    fields.put("session_id", "\"storm-session\"");
                }
            }
            case DEVELOPMENT -> {
                fields.put("node_id", quoted(HostileValues.one(random, fixtures.pool(Kind.DEV_NODE))));
                fields.put("input_data", "{\"amount\": " + n + "}");
                fields.put("form_values", "{}");
                fields.put("session_id", "\"storm-dev\"");
            }
            case IMPORT -> {
                fields.put("format", "\"json\"");
                fields.put("format_version", "1");
                fields.put("name", "\"imported " + n + "\"");
                fields.put(
                        "nodes",
                        "[{\"name\": \"A\", \"node_type\": \"manual-trigger\", \"position\": {\"x\": 0, \"y\": 0},"
                                + " \"form_values\": {}}, {\"name\": \"B\", \"node_type\": \""
                                + (random.nextInt(3) == 0 ? "no-such-type" : "transform")
                                + "\", \"position\": {\"x\": 1, \"y\": 0}, \"form_values\": {}},"
                                + " {\"name\": \"C\", \"node_type\": \"transform\", \"position\": {\"x\": 2, \"y\": 0}}]");
                fields.put(
                        "edges",
                        random.nextBoolean()
                                ? "[{\"source\": \"A\", \"target\": \"B\"}, {\"source\": \"B\", \"target\": \"C\"},"
                                        + " {\"source\": \"C\", \"target\": \"B\"}]"
                                : "[{\"source\": \"A\", \"target\": \"B\"}]");
            }
            case NODE_REF ->
                fields.put("node_id", quoted(HostileValues.one(random, fixtures.pool(Kind.RUNNABLE_NODE))));
            case RESUME -> {
                fields.put("node_id", quoted(HostileValues.one(random, fixtures.pool(Kind.RUNNABLE_NODE))));
                fields.put(
                        "action",
                        "\"" + HostileValues.one(random, List.of("select", "approve", "reject", "regenerate", "x"))
                                + "\"");
                fields.put("selected", "[0]");
                fields.put("feedback", "\"more\"");
            }
            case TOKEN -> {
                fields.put("name", "\"storm token " + n + "\"");
                fields.put("role", "\"user\"");
                fields.put("expires_in_days", "1");
                fields.put("rate_limit", "100");
            }
            case WORKSPACE -> {
                fields.put("name", "\"storm-" + n + "\"");
                fields.put("description", "\"made by the storm\"");
            }
            case BLOCK -> {
                fields.put("title", "\"storm block " + n + "\"");
                fields.put("content", "\"Write short sentences.\"");
                fields.put("tags", "[\"a\", \"b\"]");
                fields.put("folder_path", "\"storm/blocks\"");
            }
            case CONNECTION -> {
                fields.put("name", "\"storm connection " + n + "\"");
                fields.put("kind", "\"openai\"");
                fields.put("base_url", "\"http://127.0.0.1:9/v1\"");
                fields.put("models", "[\"m\"]");
                fields.put("prices", "{\"m\": {\"input_per_1k\": 0.5, \"output_per_1k\": 1}}");
            }
            case WEBHOOK -> {
                fields.put("amount", n);
                fields.put("items", "[1, 2, 3]");
            }
            default -> fields.put("name", "\"x\"");
        }
        return fields;
    }

    private static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(key).append("\": ").append(value);
        });
        return json.append('}').toString();
    }

    private static Body json(String text, String summary) {
        return new Body(utf8(text), JSON, false, summary);
    }

    private static String quoted(String id) {
        return "\"" + id + "\"";
    }

    static String excerpt(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + " chars)" : text;
    }

    private static String manyKeys(int count) {
        StringBuilder json = new StringBuilder("{\"name\": \"many\"");
        for (int i = 0; i < count; i++) {
            json.append(", \"k").append(i).append("\": ").append(i);
        }
        return json.append('}').toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
