package io.orchestrator.security;

import java.util.Locale;
import java.util.Optional;

/** An admin may also manage tokens; a user may do everything else. */
public enum TokenRole {
    ADMIN,
    USER;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenRole> fromApiName(String name) {
        for (TokenRole role : values()) {
            if (role.apiName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
