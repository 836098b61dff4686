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
                    .help("Webhook calls a minute this workflow accepts; unlimited when empty."),
            FormField.of("webhook_allow_cookies", FieldType.BOOLEAN)
                    .defaultValue(false)
                    .help("Whether a Respond to Webhook node may set cookies (Set-Cookie) for this server's host."),
            FormField.of("webhook_allow_cors", FieldType.BOOLEAN)
                    .defaultValue(false)
                    .help("Whether a Respond to Webhook node may send CORS headers (Access-Control-*)."),
            FormField.of("webhook_allow_redirects", FieldType.BOOLEAN)
                    .defaultValue(false)
                    .help("Whether a Respond to Webhook node may redirect (Location) to another site."));

    private WorkflowSettings() {}
}
