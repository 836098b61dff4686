package io.orchestrator.nodes.http;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A session's cookies while a node runs: loaded from the session's JSON array
 * ({@code [{name, value, domain, path, expires, secure, http_only, host_only}]}, see
 * {@link StoredCookie}), asked for the {@code Cookie} header of each request, given the
 * {@code Set-Cookie} headers of each response, and written back with {@link #toJson()}.
 * Not thread-safe: one node call owns it.
 */
public final class CookieJar {

    /** What a session keeps at most; the oldest cookies make room (browsers keep a few thousand). */
    static final int MAX_COOKIES = 300;
    /** A longer cookie (name and value) is ignored, as browsers do. */
    static final int MAX_COOKIE_LENGTH = 4096;

    private final List<StoredCookie> cookies;
    private final Clock clock;
    private boolean changed;

    private CookieJar(List<StoredCookie> cookies, Clock clock) {
        this.cookies = cookies;
        this.clock = clock;
    }

    public static CookieJar from(JsonArray stored) {
        return from(stored, Clock.systemUTC());
    }

    /** Entries that are not cookies are dropped, as are expired cookies. */
    public static CookieJar from(JsonArray stored, Clock clock) {
        List<StoredCookie> cookies = new ArrayList<>();
        if (stored != null) {
            for (JsonValue entry : stored) {
                StoredCookie.fromJson(entry)
                        .filter(cookie -> !cookie.hasExpired(clock.instant()))
                        .ifPresent(cookies::add);
            }
        }
        CookieJar jar = new CookieJar(cookies, clock);
        jar.changed = stored != null && cookies.size() != stored.size();
        return jar;
    }

    /**
     * The {@code Cookie} header for a request to this URL: the cookies it matches, longer paths
     * first (RFC 6265 section 5.4), or empty when none does.
     */
    public Optional<String> cookieHeader(URI url) {
        String header = cookies.stream()
                .filter(cookie -> cookie.isSentTo(url, clock.instant()))
                .sorted(Comparator.comparingInt(
                                (StoredCookie cookie) -> cookie.path().length())
                        .reversed())
                .map(cookie -> cookie.name() + "=" + cookie.value())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Optional.empty() : Optional.of(header);
    }

    /** Stores what a response from this URL sets; an expired cookie removes the one it names. */
    public void store(URI from, List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            if (header.length() > MAX_COOKIE_LENGTH) {
                continue;
            }
            CookieRules.parseSetCookie(header, from, clock.instant()).ifPresent(this::put);
        }
    }

    private void put(StoredCookie cookie) {
        changed |= cookies.removeIf(cookie::replaces);
        if (!cookie.hasExpired(clock.instant())) {
            cookies.add(cookie);
            changed = true;
        }
        while (cookies.size() > MAX_COOKIES) {
            cookies.remove(0);
        }
    }

    /** Whether the stored array needs rewriting: a cookie was set, replaced, removed or dropped. */
    public boolean changed() {
        return changed;
    }

    public JsonArray toJson() {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        cookies.stream()
                .filter(cookie -> !cookie.hasExpired(clock.instant()))
                .forEach(cookie -> array.add(cookie.toJson()));
        return array.build();
    }
}
