package io.orchestrator.security;

/** Why a token no longer lets anyone in; a connection opened with it is closed with this reason. */
public enum TokenEnd {
    EXPIRED("token expired"),
    REVOKED("token revoked");

    private final String reason;

    TokenEnd(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
