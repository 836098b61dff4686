package io.orchestrator.engine.journal;

import io.orchestrator.engine.RunStatus;
import io.orchestrator.engine.StepStatus;
import io.orchestrator.engine.TriggerType;
import java.util.List;

/** The engine's three tables, each described once: the journal writes them, {@code RunRecords} reads them. */
public final class JournalTables {

    public static final JournalTable<RunRow> RUN = new JournalTable<>(
            "run",
            List.of(
                    "id",
                    "workflow_id",
                    "workflow_version",
                    "status",
                    "trigger_type",
                    "input",
                    "output",
                    "error",
                    "session_id",
                    "parent_run_id",
                    "start_node_id",
                    "from_node_id",
                    "owner",
                    "created_at",
                    "started_at",
                    "finished_at",
                    "updated_at"),
            List.of("id"),
            (values, run) -> values.text(run.id())
                    .text(run.workflowId())
                    .number(run.workflowVersion())
                    .text(run.status().name())
                    .text(run.triggerType().wireName())
                    .text(run.input())
                    .text(run.output())
                    .text(run.error())
                    .text(run.sessionId())
                    .text(run.parentRunId())
                    .text(run.startNodeId())
                    .text(run.fromNodeId())
                    .text(run.owner())
                    .instant(run.createdAt())
                    .instant(run.startedAt())
                    .instant(run.finishedAt())
                    .instant(run.updatedAt()),
            columns -> new RunRow(
                    columns.text(),
                    columns.text(),
                    columns.number(),
                    RunStatus.valueOf(columns.text()),
                    TriggerType.fromWireName(columns.text()),
                    columns.text(),
                    columns.text(),
                    columns.text(),
                    columns.text(),
                    columns.text(),
                    columns.text(),
                    columns.text(),
                    columns.text(),
                    columns.instant(),
                    columns.instant(),
                    columns.instant(),
                    columns.instant()));

    public static final JournalTable<StepRow> STEP = new JournalTable<>(
            "node_execution",
            List.of(
                    "run_id",
                    "node_id",
                    "attempt",
                    "seq",
                    "node_name",
                    "node_type",
                    "status",
                    "input",
                    "output",
                    "route",
                    "error",
                    "error_type",
                    "started_at",
                    "finished_at",
                    "wake_at"),
            List.of("run_id", "node_id", "attempt"),
            (values, step) -> values.text(step.runId())
                    .text(step.nodeId())
                    .number(step.attempt())
                    .number(step.seq())
                    .text(step.nodeName())
                    .text(step.nodeType())
                    .text(step.status().name())
                    .text(step.input())
                    .text(step.output())
                    .text(step.route())
                    .text(step.error())
                    .text(step.errorType())
                    .instant(step.startedAt())
                    .instant(step.finishedAt())
                    .instant(step.wakeAt()),
            columns -> new StepRow(
                    columns.text(),
                    columns.text(),
                    (int) columns.number(),
                    (int) columns.number(),
                    columns.text(),
                    columns.text(),
                    StepStatus.valueOf(columns.text()),
                    columns.text(),
                    columns.text(),
                    columns.text(),
                    columns.text(),
                    columns.text(),
                    columns.instant(),
                    columns.instant(),
                    columns.instant()));

    public static final JournalTable<SessionRow> SESSION = new JournalTable<>(
            "session_state",
            List.of("id", "variables", "cookies", "updated_at", "workspace", "origin"),
            List.of("id"),
            (values, session) -> values.text(session.id())
                    .text(session.variables())
                    .text(session.cookies())
                    .instant(session.updatedAt())
                    .text(session.workspace())
                    .text(session.origin()),
            columns -> new SessionRow(
                    columns.text(), columns.text(), columns.text(), columns.instant(), columns.text(), columns.text()));

    private JournalTables() {}
}
