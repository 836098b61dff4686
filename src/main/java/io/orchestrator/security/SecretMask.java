package io.orchestrator.security;

/**
 * What every answer shows instead of a secret (a node's secret form field, a connection's key),
 * and what a client sends back to keep the stored secret unchanged.
 */
public final class SecretMask {

    public static final String TEXT = "********";

    private SecretMask() {}
}
