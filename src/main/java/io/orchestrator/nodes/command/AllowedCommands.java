package io.orchestrator.nodes.command;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The executables a command node may start: the comma-separated names of {@code
 * ORCHESTRATOR_COMMANDS}, matched exactly against the command's first word (so {@code python3}
 * allows {@code python3} found on the server's PATH, not {@code /tmp/python3}). With none listed,
 * commands are off. Allowing an interpreter such as {@code bash} or {@code python3} lets anyone who
 * may edit a workflow run any code as the server's user.
 */
public final class AllowedCommands {

    public static final String SETTING = "ORCHESTRATOR_COMMANDS";

    private final Set<String> executables;

    private AllowedCommands(Set<String> executables) {
        this.executables = executables;
    }

    public static AllowedCommands parse(Optional<String> setting) {
        Set<String> names = new LinkedHashSet<>();
        setting.ifPresent(list -> Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .forEach(names::add));
        return new AllowedCommands(Set.copyOf(names));
    }

    public boolean enabled() {
        return !executables.isEmpty();
    }

    /** Why this executable may not start, or null when it may. */
    public String problemWith(String executable) {
        if (!enabled()) {
            return "Commands are off on this server. An administrator allows executables by listing them in " + SETTING
                    + " (for example " + SETTING + "=python3,bash) and restarting the server.";
        }
        if (executables.contains(executable)) {
            return null;
        }
        return "'" + executable + "' is not an allowed command on this server (allowed: "
                + String.join(", ", executables.stream().sorted().toList()) + "); an administrator adds it to "
                + SETTING + ".";
    }
}
