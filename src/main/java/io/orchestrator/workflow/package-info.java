/**
 * Workflows and their graphs: the entities (a workflow owns its nodes and edges), the graph rules
 * every change must keep ({@link io.orchestrator.workflow.WorkflowGraph}: known nodes and routes, no
 * self loop, no cycle, triggers only at the entry), and the REST resources under /api/workflow/.
 *
 * <p>Every change to a graph locks its workflow row, checks the rules against the stored graph,
 * writes, and bumps the workflow's {@code version}: concurrent edits are serialised, and a client
 * replacing the whole canvas with a stale version gets 409.
 */
package io.orchestrator.workflow;
