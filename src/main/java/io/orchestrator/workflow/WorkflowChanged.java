package io.orchestrator.workflow;

/**
 * Fired inside the transaction of every change to a workflow or its graph (its version was bumped),
 * and of its deletion. Observers that must refuse the change (a webhook path taken elsewhere)
 * observe it in the transaction; those that act on the committed state (schedules, caches) observe
 * it with {@code during = TransactionPhase.AFTER_SUCCESS}.
 */
public record WorkflowChanged(String workflowId, boolean deleted) {}
