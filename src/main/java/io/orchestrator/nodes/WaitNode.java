package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/** Pauses the run for a time, holding no thread; its output is its input. */
@ApplicationScoped
public class WaitNode implements NodeType {

    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(31_536_000);

    private static final Form FORM = new Form(
            FormField.of("seconds", FieldType.NUMBER)
                    .range(0, MAX_SECONDS.doubleValue())
                    .help("How long to wait."),
            FormField.of("until", FieldType.TEXT)
                    .help("Or: an ISO-8601 instant to wait for, such as 2030-01-01T09:00:00Z."));

    @Override
    public String key() {
        return "wait";
    }

    @Override
    public String displayName() {
        return "Wait";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.LOGIC;
    }

    @Override
    public String description() {
        return "Pauses the run for a duration or until a time.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        boolean hasSeconds =
                values.containsKey("seconds") && values.get("seconds").getValueType() != JsonValue.ValueType.NULL;
        boolean hasUntil = values.get("until") instanceof JsonString until
                && !until.getString().isBlank();
        if (hasSeconds && hasUntil) {
            errors.add("until", "Set seconds or until, not both.");
        }
        if (hasUntil
                && !FormValidator.isTemplate(values.get("until"))
                && Timestamps.parse(values.getString("until")).isEmpty()) {
            errors.add("until", "Must be an ISO-8601 instant such as 2030-01-01T09:00:00Z.");
        }
    }

    /**
     * Waits until now + seconds, or until the instant. A time already past (or 0 seconds) still
     * waits: the engine decides whether that means going on at once.
     */
    @Override
    public NodeOutcome execute(NodeCall call) throws NodeFailure {
        Optional<BigDecimal> seconds = ResolvedFields.number(call, "seconds");
        if (seconds.isPresent()) {
            BigDecimal wait = seconds.get();
            if (wait.signum() < 0 || wait.compareTo(MAX_SECONDS) > 0) {
                throw ResolvedFields.invalid(
                        "seconds", "must be between 0 and " + MAX_SECONDS + ", but is " + wait + ".");
            }
            long millis =
                    wait.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
            return NodeOutcome.waitUntil(call.input(), Instant.now().plusMillis(millis));
        }
        Optional<String> until = ResolvedFields.text(call, "until");
        if (until.isPresent()) {
            Instant instant = Timestamps.parse(until.get().strip())
                    .orElseThrow(() -> ResolvedFields.invalid(
                            "until",
                            "must be an ISO-8601 instant such as 2030-01-01T09:00:00Z, but is '" + until.get() + "'."));
            return NodeOutcome.waitUntil(call.input(), instant);
        }
        throw new NodeFailure(ErrorType.VALIDATION, "Set the field 'seconds' or the field 'until'.");
    }
}
