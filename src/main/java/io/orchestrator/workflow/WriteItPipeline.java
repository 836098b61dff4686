package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.ManualTriggerNode;
import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WriteIt pipeline file ({@code name}, {@code inputs}, {@code steps} of type {@code llm_generate},
 * {@code user_input} or {@code transform}) turned into a workflow file: a manual trigger named
 * {@value #TRIGGER} with the pipeline's inputs, then one node per step in order, each fed by the
 * one before. A step's node is named by its key, which WriteIt's templates use to refer to it.
 *
 * <p>Placeholders become expressions: {@code {{ inputs.topic }}} and {@code {{ topic }}} (an input)
 * read the trigger's output; {@code {{ steps.outline }}}, {@code .response}, {@code .selected_response}
 * and {@code .text} read that step's {@code text}, any other field that field; {@code {{ defaults.x }}}
 * is replaced by the pipeline's default. What cannot be translated (filters, unknown names) is left
 * as written, for a person to finish. An {@code llm_generate} step's {@code model_preference}
 * becomes its models, each with no connection yet ({@code connection: null}): the file does not say
 * which server answers for a model, so one is chosen on the canvas before the first run.
 */
final class WriteItPipeline {

    static final String TRIGGER = "Inputs";
    private static final double SPACING = 280;

    private static final Map<String, String> INPUT_TYPES =
            Map.of("text", "text", "choice", "choice", "number", "number", "boolean", "boolean");

    /** A step with the key and node name it was given. */
    private record Step(String key, String name, JsonObject spec) {}

    private WriteItPipeline() {}

    /** Whether the file is shaped like a WriteIt pipeline: steps that say their type, and no nodes. */
    static boolean isOne(JsonObject file) {
        if (file.containsKey("nodes")) {
            return false;
        }
        JsonValue steps = file.get("steps");
        List<JsonValue> items = steps instanceof JsonArray list
                ? list
                : steps instanceof JsonObject map ? List.copyOf(map.values()) : List.of();
        return !items.isEmpty()
                && items.stream()
                        .allMatch(
                                step -> step instanceof JsonObject object && object.get("type") instanceof JsonString);
    }

    static JsonObject toWorkflowDocument(JsonObject pipeline) {
        JsonObject metadata =
                pipeline.get("metadata") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject defaults =
                pipeline.get("defaults") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject inputs = pipeline.get("inputs") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        List<Step> steps = steps(pipeline.get("steps"));
        WriteItPlaceholders translation = new WriteItPlaceholders(inputs.keySet(), stepNames(steps), defaults);

        JsonArrayBuilder nodes = JSON.createArrayBuilder()
                .add(node(
                        TRIGGER,
                        ManualTriggerNode.KEY,
                        0,
                        JSON.createObjectBuilder().add("inputs", triggerInputs(inputs))));
        JsonArrayBuilder edges = JSON.createArrayBuilder();
        String previous = TRIGGER;
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String type = step.spec().getString("type");
            JsonObjectBuilder form = switch (type) {
                case "llm_generate" -> llmForm(step.spec(), defaults, translation);
                case "user_input" -> humanInputForm(step, translation);
                case "transform" -> transformForm(step.spec(), translation);
                default -> {
                    errors.nested("steps[" + i + "]")
                            .add(
                                    "type",
                                    "Unknown WriteIt step type '" + type
                                            + "'; known: llm_generate, user_input, transform.");
                    yield null;
                }
            };
            if (form == null) {
                continue;
            }
            nodes.add(node(step.name(), nodeType(type), i + 1, form));
            edges.add(JSON.createObjectBuilder()
                    .add("source", previous)
                    .add("source_handle", "default")
                    .add("target", step.name())
                    .add("target_handle", "default"));
            previous = step.name();
        }
        errors.throwIfAny("The WriteIt pipeline cannot be imported");
        return JSON.createObjectBuilder()
                .add(
                        "name",
                        text(pipeline, "name").orElse(text(metadata, "name").orElse("WriteIt pipeline")))
                .add(
                        "description",
                        text(pipeline, "description")
                                .orElse(text(metadata, "description").orElse("")))
                .add("nodes", nodes)
                .add("edges", edges)
                .build();
    }

    private static String nodeType(String stepType) {
        return switch (stepType) {
            case "llm_generate" -> "llm";
            case "user_input" -> "human-input";
            default -> "transform";
        };
    }

    private static JsonObject node(String name, String type, int index, JsonObjectBuilder form) {
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("node_type", type)
                .add(
                        "position",
                        JSON.createObjectBuilder().add("x", SPACING * index).add("y", 0.0))
                .add("form_values", form)
                .build();
    }

    /** Steps as a list (each with its {@code key}) or as a mapping of key to step; node names made unique. */
    private static List<Step> steps(JsonValue value) {
        List<Step> steps = new ArrayList<>();
        Set<String> names = new HashSet<>(Set.of(TRIGGER));
        if (value instanceof JsonArray list) {
            for (int i = 0; i < list.size(); i++) {
                JsonObject spec = list.getJsonObject(i);
                String key = text(spec, "key").or(() -> text(spec, "name")).orElse("step_" + (i + 1));
                steps.add(new Step(key, unique(key, names), spec));
            }
        } else if (value instanceof JsonObject map) {
            map.forEach((key, spec) -> steps.add(new Step(key, unique(key, names), (JsonObject) spec)));
        }
        return steps;
    }

    private static String unique(String wanted, Set<String> taken) {
        String name = wanted;
        for (int n = 2; !taken.add(name); n++) {
            name = wanted + " " + n;
        }
        return name;
    }

    private static JsonArrayBuilder triggerInputs(JsonObject inputs) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        inputs.forEach((name, value) -> {
            JsonObject spec = value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
            String type = INPUT_TYPES.getOrDefault(spec.getString("type", "text"), "text");
            JsonObjectBuilder input = JSON.createObjectBuilder()
                    .add("name", name)
                    .add("type", type)
                    .add("required", spec.getBoolean("required", false));
            JsonValue fallback = spec.get("default");
            if (fallback != null && fallback != JsonValue.NULL) {
                input.add("default", fallback);
            }
            if (spec.get("options") instanceof JsonArray options) {
                JsonArrayBuilder values = JSON.createArrayBuilder();
                options.forEach(option -> values.add(
                        option instanceof JsonObject labelled && labelled.containsKey("value")
                                ? WriteItPlaceholders.plainText(labelled.get("value"))
                                : WriteItPlaceholders.plainText(option)));
                input.add("options", values);
            }
            text(spec, "help").or(() -> text(spec, "label")).ifPresent(help -> input.add("description", help));
            list.add(input);
        });
        return list;
    }

    private static JsonObjectBuilder llmForm(JsonObject spec, JsonObject defaults, WriteItPlaceholders translation) {
        JsonArrayBuilder models = JSON.createArrayBuilder();
        List<String> names = new ArrayList<>();
        if (spec.get("model_preference") instanceof JsonArray preference) {
            preference.forEach(model -> names.add(translation.literal(WriteItPlaceholders.plainText(model))));
        } else if (spec.get("model_preference") instanceof JsonString single) {
            names.add(translation.literal(single.getString()));
        } else if (defaults.get("model") instanceof JsonString model) {
            names.add(model.getString());
        }
        names.stream()
                .filter(name -> !name.isBlank())
                .distinct()
                .forEach(name -> models.add(JSON.createObjectBuilder()
                        .add("connection", JsonValue.NULL)
                        .add("model", name)));
        return JSON.createObjectBuilder()
                .add("prompt", translation.of(text(spec, "prompt_template").orElse("")))
                .add("models", models);
    }

    private static JsonObjectBuilder humanInputForm(Step step, WriteItPlaceholders translation) {
        String prompt = text(step.spec(), "prompt_template")
                .or(() -> text(step.spec(), "description"))
                .orElse(text(step.spec(), "name").orElse(step.key()));
        return JSON.createObjectBuilder().add("prompt", translation.of(prompt)).add("mode", "text");
    }

    private static JsonObjectBuilder transformForm(JsonObject spec, WriteItPlaceholders translation) {
        String template =
                text(spec, "template").or(() -> text(spec, "prompt_template")).orElse("");
        return JSON.createObjectBuilder()
                .add("fields", JSON.createObjectBuilder().add("text", translation.of(template)));
    }

    private static java.util.Optional<String> text(JsonObject object, String field) {
        return object.get(field) instanceof JsonString text && !text.getString().isBlank()
                ? java.util.Optional.of(text.getString())
                : java.util.Optional.empty();
    }

    /** Each step's key and the name of its node. */
    private static Map<String, String> stepNames(List<Step> steps) {
        Map<String, String> names = new java.util.HashMap<>();
        steps.forEach(step -> names.put(step.key(), step.name()));
        return names;
    }
}
