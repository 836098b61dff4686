package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.platform.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.DateTimeException;
import java.time.ZoneId;

/** Starts a run on a cron schedule while its workflow is active. */
@ApplicationScoped
public class ScheduleNode implements NodeType {

    public static final String KEY = "schedule";

    private static final Form FORM = new Form(
            FormField.of("cron", FieldType.CRON)
                    .required()
                    .help(
                            "Five fields, minute hour day month weekday (for example */5 * * * *), or Quartz's six or seven."),
            FormField.of("timezone", FieldType.TEXT)
                    .defaultValue("UTC")
                    .help("An IANA time zone such as Europe/Paris."));

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Schedule";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.TRIGGER;
    }

    @Override
    public String description() {
        return "Starts a run on a cron schedule while the workflow is active.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        if (values.get("cron") instanceof JsonString cron && !cron.getString().isBlank()) {
            CronSchedule.problem(cron.getString()).ifPresent(problem -> errors.add("cron", problem));
        }
        if (values.get("timezone") instanceof JsonString zone) {
            try {
                ZoneId.of(zone.getString());
            } catch (DateTimeException unknown) {
                errors.add("timezone", "Unknown time zone; use an IANA name such as UTC or Europe/Paris.");
            }
        }
    }

    /** The engine built the run's input from the trigger; it is this node's output. */
    @Override
    public NodeOutcome execute(NodeCall call) {
        return NodeOutcome.of(call.input());
    }
}
