package io.orchestrator.workspaces;

import io.orchestrator.security.WorkspaceRole;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource method acts on one thing named by a path parameter; the caller needs at least that
 * role in the thing's workspace. {@link WorkspaceGuard} checks it before the method runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface InWorkspace {

    Held value();

    /** The path parameter holding the thing's id. */
    String param();

    WorkspaceRole need();
}
