package io.orchestrator.engine;

/**
 * Whose a session is: the workspace of the workflow that made it, and whether a production run or
 * development mode made it. Development mode continues only its own workspace's development
 * sessions: a production run's session holds that run's cookies and variables.
 */
public record SessionOwner(String workspace, Origin origin) {

    public enum Origin {
        PRODUCTION,
        DEVELOPMENT
    }

    public static SessionOwner production(String workspace) {
        return new SessionOwner(workspace, Origin.PRODUCTION);
    }

    public static SessionOwner development(String workspace) {
        return new SessionOwner(workspace, Origin.DEVELOPMENT);
    }
}
