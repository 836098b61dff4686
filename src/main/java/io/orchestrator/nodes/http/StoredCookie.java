package io.orchestrator.nodes.http;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One cookie of a session's jar, as RFC 6265 stores it. {@code hostOnly} is a cookie set without a
 * {@code Domain} attribute: it goes back to that exact host only, never to its subdomains.
 * {@code expires} is null for a cookie that lasts as long as the session.
 */
record StoredCookie(
        String name,
        String value,
        String domain,
        String path,
        Instant expires,
        boolean secure,
        boolean httpOnly,
        boolean hostOnly) {

    /** The stored form: {@code {name, value, domain, path, expires, secure, http_only, host_only}}. */
    JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("value", value)
                .add("domain", domain)
                .add("path", path)
                .add("expires", Timestamps.json(expires))
                .add("secure", secure)
                .add("http_only", httpOnly)
                .add("host_only", hostOnly)
                .build();
    }

    /** Reads a stored cookie back; anything without a name and a domain is not one. */
    static Optional<StoredCookie> fromJson(JsonValue stored) {
        if (!(stored instanceof JsonObject cookie)
                || !(cookie.get("name") instanceof JsonString name)
                || name.getString().isEmpty()
                || !(cookie.get("domain") instanceof JsonString domain)
                || domain.getString().isEmpty()) {
            return Optional.empty();
        }
        Instant expires = cookie.get("expires") instanceof JsonString text
                ? Timestamps.parse(text.getString()).orElse(null)
                : null;
        String path = cookie.getString("path", "/");
        return Optional.of(new StoredCookie(
                name.getString(),
                cookie.getString("value", ""),
                domain.getString().toLowerCase(Locale.ROOT),
                path.startsWith("/") ? path : "/",
                expires,
                cookie.getBoolean("secure", false),
                cookie.getBoolean("http_only", false),
                cookie.getBoolean("host_only", false)));
    }

    boolean hasExpired(Instant now) {
        return expires != null && !expires.isAfter(now);
    }

    /** Whether a request to this URL carries the cookie (RFC 6265 section 5.4). */
    boolean isSentTo(URI url, Instant now) {
        String host = CookieRules.host(url);
        return !hasExpired(now)
                && (hostOnly ? host.equals(domain) : CookieRules.domainMatches(host, domain))
                && CookieRules.pathMatches(CookieRules.requestPath(url), path)
                && (!secure || "https".equalsIgnoreCase(url.getScheme()));
    }

    /** The same cookie in the jar's sense: a new one with this name, domain and path replaces it. */
    boolean replaces(StoredCookie other) {
        return name.equals(other.name) && domain.equals(other.domain) && path.equals(other.path);
    }
}
