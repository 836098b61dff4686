/**
 * Who may call the API. Bearer tokens are random, shown once and stored as SHA-256 hashes
 * ({@link io.orchestrator.security.ApiToken}); {@link io.orchestrator.security.BearerTokenMechanism}
 * (Jakarta Security) authenticates every request under {@code /api} but health and webhooks, and
 * applies the per-token rate limit and, per client address, the limit of wrong tokens
 * ({@link io.orchestrator.security.FailedAuthentications}). The first start creates an admin token,
 * printed for the operator only ({@link io.orchestrator.security.OperatorConsole}).
 */
package io.orchestrator.security;
