package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The response cache's keys. Two requests that mean the same must get the same key whoever wrote
 * them and however: the request is written as canonical JSON (object keys sorted, numbers in their
 * shortest exact form so that 0.7, 0.70 and 7e-1 are one number) and hashed with SHA-256.
 */
public final class CacheKeys {

    private static final HexFormat HEX = HexFormat.of();

    private CacheKeys() {}

    public static String key(
            String connectionId, String model, JsonArray messages, JsonObject parameters, int candidateIndex) {
        JsonObject request = JSON.createObjectBuilder()
                .add("connection", connectionId)
                .add("model", model)
                .add("messages", messages == null ? JsonValue.EMPTY_JSON_ARRAY : messages)
                .add("parameters", parameters == null ? JsonValue.EMPTY_JSON_OBJECT : parameters)
                .add("candidate", candidateIndex)
                .build();
        return sha256(canonical(request));
    }

    /** A key as the API accepts it: 64 lower- or upper-case hex digits. */
    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != 64) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.digit(key.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static String canonical(JsonValue value) {
        StringBuilder text = new StringBuilder(256);
        write(value, text);
        return text.toString();
    }

    private static void write(JsonValue value, StringBuilder text) {
        switch (value.getValueType()) {
            case OBJECT -> writeObject(value.asJsonObject(), text);
            case ARRAY -> writeArray(value.asJsonArray(), text);
            case NUMBER -> text.append(number(((JsonNumber) value).bigDecimalValue()));
            // JSON-P escapes a string the same way every time: its text is canonical already.
            case STRING -> text.append(JSON.createValue(((JsonString) value).getString()));
            default -> text.append(value); // true, false, null
        }
    }

    private static void writeObject(JsonObject object, StringBuilder text) {
        // Sorted by UTF-16 code units, as String.compareTo does: stable across servers and locales.
        Map<String, JsonValue> sorted = new TreeMap<>(object);
        text.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : sorted.entrySet()) {
            if (!first) {
                text.append(',');
            }
            first = false;
            text.append(JSON.createValue(member.getKey())).append(':');
            write(member.getValue(), text);
        }
        text.append('}');
    }

    private static void writeArray(JsonArray array, StringBuilder text) {
        text.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            write(array.get(i), text);
        }
        text.append(']');
    }

    /** 0.70 → 0.7, 1E+1 → 10, -0.0 → 0: the value, not how it was written. */
    static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        // Plain digits for numbers people write; 1E+1000000 stays short (its form is just as unique).
        return Math.abs(stripped.scale()) <= 100 ? stripped.toPlainString() : stripped.toString();
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }
}
