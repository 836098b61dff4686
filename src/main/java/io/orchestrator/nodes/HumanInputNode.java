package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.nodes.human.HumanInputMode;
import io.orchestrator.nodes.human.HumanRequest;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pauses the run until a person answers: selects among candidates, edits, approves, rejects or asks
 * for new candidates. The run holds no thread meanwhile; the request is stored with the step, and
 * a timeout completes the node on its {@code timeout} route.
 */
@ApplicationScoped
public class HumanInputNode implements NodeType {

    public static final String KEY = "human-input";
    public static final String REJECTED = "rejected";
    public static final String TIMEOUT = "timeout";

    private static final List<String> ROUTES = List.of(Routes.DEFAULT, REJECTED, TIMEOUT);
    private static final BigDecimal MAX_TIMEOUT_SECONDS = BigDecimal.valueOf(31_536_000);
    private static final String DEFAULT_CANDIDATES = "${input.candidates}";
    private static final String JOIN = "join";

    private static final Form FORM = new Form(
            FormField.of("prompt", FieldType.TEXTAREA).help("What the person is asked; ${...} allowed."),
            FormField.of("candidates", FieldType.EXPRESSION)
                    .defaultValue(DEFAULT_CANDIDATES)
                    .help("A list of texts or of objects with a text (an llm node's candidates)."),
            FormField.of("mode", FieldType.CHOICE)
                    .options(HumanInputMode.wireNames())
                    .defaultValue(HumanInputMode.SELECT_ONE.wireName()),
            FormField.of("allow_edit", FieldType.BOOLEAN)
                    .defaultValue(false)
                    .help("Whether the person may send their own text instead."),
            FormField.of("allow_feedback", FieldType.BOOLEAN)
                    .defaultValue(false)
                    .help("Whether the person may give feedback and regenerate."),
            FormField.of("merge", FieldType.JSON)
                    .defaultValue(JOIN)
                    .help("\"join\", or {connection, model, instruction} to merge several selections with a model."),
            FormField.of("timeout_seconds", FieldType.NUMBER)
                    .range(1, MAX_TIMEOUT_SECONDS.doubleValue())
                    .help("Take the timeout route after this long without an answer; empty waits without end."));

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Human input";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.LOGIC;
    }

    @Override
    public String description() {
        return "Waits for a person to select, edit, approve, reject or regenerate.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public List<String> routes(JsonObject formValues) {
        return ROUTES;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        JsonValue merge = values.get("merge");
        if (merge instanceof JsonString text && !JOIN.equals(text.getString())) {
            errors.add("merge", "Must be \"join\" or an object {connection, model, instruction}.");
        } else if (merge instanceof JsonObject model
                && !(model.get("connection") instanceof JsonString && model.get("model") instanceof JsonString)) {
            errors.add("merge", "A model merge needs a connection and a model.");
        }
    }

    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        Optional<String> modeName = ResolvedFields.text(call, "mode");
        HumanInputMode mode = modeName.isEmpty()
                ? HumanInputMode.SELECT_ONE
                : HumanInputMode.named(modeName.get())
                        .orElseThrow(() -> ResolvedFields.invalid(
                                "mode", "must be one of " + String.join(", ", HumanInputMode.wireNames()) + "."));
        List<JsonObject> candidates = HumanRequest.candidates(candidates(call));
        if (mode.selects() && candidates.isEmpty()) {
            throw new NodeFailure(ErrorType.VALIDATION, "There are no candidates to select from.");
        }
        JsonValue merge = call.resolved("merge");
        HumanRequest request = new HumanRequest(
                ResolvedFields.text(call, "prompt").orElse(""),
                candidates,
                mode,
                ResolvedFields.bool(call, "allow_edit", false),
                ResolvedFields.bool(call, "allow_feedback", false),
                merge.getValueType() == JsonValue.ValueType.NULL ? Jsonp.JSON.createValue(JOIN) : merge);
        return NodeOutcome.awaitAnswer(request.toJson(), deadline(call), TIMEOUT);
    }

    private static JsonArray candidates(NodeCall call) throws NodeFailure {
        JsonValue value = call.formValues().containsKey("candidates")
                ? call.resolved("candidates")
                : call.input() instanceof JsonObject input ? input.getOrDefault("candidates", JsonValue.NULL) : null;
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value instanceof JsonArray list) {
            return list;
        }
        throw ResolvedFields.invalid("candidates", "must be a list, but is " + ResolvedFields.kind(value) + ".");
    }

    private static Instant deadline(NodeCall call) throws NodeFailure {
        Optional<BigDecimal> seconds = ResolvedFields.number(call, "timeout_seconds");
        if (seconds.isEmpty()) {
            return null;
        }
        BigDecimal wait = seconds.get();
        if (wait.signum() <= 0 || wait.compareTo(MAX_TIMEOUT_SECONDS) > 0) {
            throw ResolvedFields.invalid(
                    "timeout_seconds", "must be between 0 and " + MAX_TIMEOUT_SECONDS + ", but is " + wait + ".");
        }
        return Instant.now()
                .plusMillis(
                        wait.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
    }
}
