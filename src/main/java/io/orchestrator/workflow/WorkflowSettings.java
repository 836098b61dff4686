package io.orchestrator.workflow;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;

/** A workflow's settings, declared as a form so that they are checked like node settings. */
public final class WorkflowSettings {

    public static final Form FORM = new Form(
            FormField.of("concurrency_limit", FieldType.INTEGER)
                    .defaultValue(10)
                    .range(1, 1000)
                    .help("How many nodes of one run may execute at the same time."),
            FormField.of("execution_timeout_seconds", FieldType.INTEGER)
                    .defaultValue(3600)
                    .range(1, 604_800)
                    .help("A run still going after this long is stopped."),
            FormField.of("keep_executions", FieldType.CHOICE)
                    .options("all", "failed", "none")
                    .defaultValue("all")
                    .help("Which finished runs keep their history."),
            FormField.of("webhook_rate_limit", FieldType.INTEGER)
                    .range(1, 1_000_000)
                    .help("Webhook calls a minute this workflow accepts; unlimited when empty."));

    private WorkflowSettings() {}
}
