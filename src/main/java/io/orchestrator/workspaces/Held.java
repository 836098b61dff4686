package io.orchestrator.workspaces;

/** What a path parameter names, and so where its workspace is found. */
public enum Held {
    WORKFLOW("Workflow"),
    RUN("Run"),
    ARTIFACT("Artifact"),
    CONNECTION("Connection"),
    BLOCK("Block"),
    CACHE_ENTRY("Cache entry");

    private final String displayName;

    Held(String displayName) {
        this.displayName = displayName;
    }

    /** How the API's 404 names it: the same words whether it is missing or only hidden. */
    public String displayName() {
        return displayName;
    }
}
