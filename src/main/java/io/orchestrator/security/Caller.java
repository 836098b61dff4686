package io.orchestrator.security;

/** The token a request was authenticated with, as the rest of the application sees it. */
public record Caller(String tokenId, String tokenName, TokenRole role, int rateLimitPerMinute) {

    public boolean isAdmin() {
        return role == TokenRole.ADMIN;
    }
}
