package io.orchestrator.workflow;

/**
 * How the engine runs a node: whether it is skipped, how often it is tried (the delay before try
 * n+1 is {@code retryDelayMs * backoffMultiplier^(n-1)}), and how long one try may take (null: the
 * server's default).
 */
public record NodeSettings(
        boolean disabled, int maxAttempts, long retryDelayMs, double backoffMultiplier, Long timeoutMs) {

    public static final NodeSettings DEFAULTS = new NodeSettings(false, 1, 1000, 2.0, null);
}
