/**
 * Who may call the API. Bearer tokens are random, shown once and stored as SHA-256 hashes
 * ({@link io.orchestrator.security.ApiToken}); {@link io.orchestrator.security.BearerTokenMechanism}
 * (Jakarta Security) authenticates every request under {@code /api} but health and webhooks, and
 * applies the per-token rate limit. The first start creates an admin token.
 */
package io.orchestrator.security;
