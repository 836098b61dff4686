/**
 * Workspaces and who may do what in them (README, "Workspaces and roles"). Every workflow belongs to one
 * workspace; runs, artifacts and cache entries follow their workflow, while connections, prompt
 * blocks and sessions name their workspace themselves. An admin token reaches everything; any other
 * token holds a {@link io.orchestrator.security.WorkspaceRole} per workspace.
 *
 * <p>Access is checked in one place, {@link io.orchestrator.workspaces.WorkspaceGuard}: every
 * resource method says what its path names ({@link io.orchestrator.workspaces.InWorkspace}) or
 * that it filters by the caller's workspaces itself ({@link io.orchestrator.workspaces.AcrossWorkspaces});
 * a method that says neither is for admin tokens only, so that a new endpoint cannot be forgotten
 * open. Whatever a token may not see answers 404, exactly as if it did not exist.
 */
package io.orchestrator.workspaces;
