package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeCall;
import io.orchestrator.nodes.NodeFailure;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * An llm node's form values once their expressions are evaluated, checked for what a template
 * could have turned into something else.
 *
 * @param candidatesPerModel null for fallback (the first model that answers gives one candidate)
 * @param temperature null to leave it to the connection's defaults or the server
 */
public record LlmSettings(
        List<ModelChoice> models,
        Integer candidatesPerModel,
        String system,
        String prompt,
        List<String> blocks,
        Double temperature,
        Integer maxTokens,
        List<String> stop,
        boolean stream,
        boolean cache,
        Duration cacheTimeToLive) {

    public static final int MAX_MODELS = 8;
    public static final int MAX_CANDIDATES_PER_MODEL = 10;
    /** One bound for max_tokens, at save and at run (where an expression may give it). */
    public static final int MAX_TOKENS = 1_000_000;

    public static final int DEFAULT_CACHE_TTL_SECONDS = 86_400;

    public static LlmSettings read(NodeCall call) throws NodeFailure {
        return new LlmSettings(
                models(call.resolved("models")),
                optionalInteger(
                        call.resolved("candidates_per_model"), "candidates_per_model", 1, MAX_CANDIDATES_PER_MODEL),
                text(call.resolved("system"), "system"),
                text(call.resolved("prompt"), "prompt"),
                strings(call.resolved("blocks"), "blocks"),
                optionalNumber(call.resolved("temperature"), "temperature"),
                optionalInteger(call.resolved("max_tokens"), "max_tokens", 1, MAX_TOKENS),
                strings(call.resolved("stop"), "stop"),
                flag(call.resolved("stream"), "stream", true),
                flag(call.resolved("cache"), "cache", true),
                timeToLive(optionalInteger(
                        call.resolved("cache_ttl_seconds"), "cache_ttl_seconds", 0, Integer.MAX_VALUE)));
    }

    private static Duration timeToLive(Integer seconds) {
        return Duration.ofSeconds(seconds == null ? DEFAULT_CACHE_TTL_SECONDS : seconds);
    }

    /** The parameters that change an answer besides the messages: part of the cache key. */
    public JsonObject parameters(Double effectiveTemperature, Integer effectiveMaxTokens) {
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        if (effectiveTemperature != null) {
            builder.add("temperature", effectiveTemperature);
        }
        if (effectiveMaxTokens != null) {
            builder.add("max_tokens", effectiveMaxTokens);
        }
        JsonArrayBuilder stopList = JSON.createArrayBuilder();
        stop.forEach(stopList::add);
        return builder.add("stop", stopList).build();
    }

    private static List<ModelChoice> models(JsonValue value) throws NodeFailure {
        if (!(value instanceof JsonArray list) || list.isEmpty()) {
            throw invalid("models must list at least one {connection, model}.");
        }
        if (list.size() > MAX_MODELS) {
            throw invalid("models may list at most " + MAX_MODELS + " models.");
        }
        List<ModelChoice> models = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof JsonObject entry)
                    || !(entry.get("connection") instanceof JsonString connection)
                    || connection.getString().isBlank()
                    || !(entry.get("model") instanceof JsonString model)
                    || model.getString().isBlank()) {
                throw invalid("models[" + i + "] must be {connection, model} with both set.");
            }
            models.add(new ModelChoice(
                    connection.getString().strip(), model.getString().strip()));
        }
        if (new HashSet<>(models).size() < models.size()) {
            throw invalid("models lists the same connection and model twice.");
        }
        return List.copyOf(models);
    }

    private static String text(JsonValue value, String field) throws NodeFailure {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber || isBoolean(value)) {
            return value.toString();
        }
        throw invalid(
                field + " must be text, not " + value.getValueType().name().toLowerCase() + ".");
    }

    private static List<String> strings(JsonValue value, String field) throws NodeFailure {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray list)) {
            throw invalid(field + " must be a list of strings.");
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue item : list) {
            if (!(item instanceof JsonString string)) {
                throw invalid(field + " must be a list of strings.");
            }
            strings.add(string.getString());
        }
        return List.copyOf(strings);
    }

    private static Integer optionalInteger(JsonValue value, String field, int low, int high) throws NodeFailure {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw invalid(field + " must be a whole number.");
        }
        long amount = number.longValue();
        if (amount < low || amount > high) {
            throw invalid(field + " must be between " + low + " and " + high + ".");
        }
        return (int) amount;
    }

    private static Double optionalNumber(JsonValue value, String field) throws NodeFailure {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            throw invalid(field + " must be a number.");
        }
        return number.doubleValue();
    }

    private static boolean flag(JsonValue value, String field, boolean otherwise) throws NodeFailure {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return otherwise;
        }
        if (isBoolean(value)) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw invalid(field + " must be true or false.");
    }

    private static boolean isBoolean(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE;
    }

    private static NodeFailure invalid(String message) {
        return new NodeFailure(ErrorType.VALIDATION, message);
    }
}
