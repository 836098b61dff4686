package io.orchestrator.security;

/**
 * Fired when an admin revokes a token; observed after the commit, so that whatever the token
 * opened (a WebSocket) is closed at once on this server rather than at the next periodic check.
 */
public record TokenRevoked(String tokenId) {}
