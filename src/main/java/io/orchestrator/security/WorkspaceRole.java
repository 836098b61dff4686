package io.orchestrator.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a token may do in one workspace. Each role includes the ones before it: a viewer reads, an
 * editor also changes and runs, an owner also manages the workspace's connections and tokens.
 */
public enum WorkspaceRole {
    VIEWER,
    EDITOR,
    OWNER;

    public boolean includes(WorkspaceRole needed) {
        return compareTo(needed) >= 0;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WorkspaceRole> fromApiName(String name) {
        for (WorkspaceRole role : values()) {
            if (role.apiName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
