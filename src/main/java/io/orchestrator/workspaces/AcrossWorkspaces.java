package io.orchestrator.workspaces;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource method is open to every token because it limits itself to the caller's workspaces
 * (a list filtered by {@link WorkspaceAccess#visible()}, a creation checked against the workspace in
 * its body) or touches no workspace's data (the node types, the caller's own token).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AcrossWorkspaces {}
