package io.orchestrator.nodes.http;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CookieJarTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static CookieJar empty() {
        return CookieJar.from(JsonValue.EMPTY_JSON_ARRAY, CLOCK);
    }

    private static CookieJar jarWith(String url, String... setCookies) {
        CookieJar jar = empty();
        jar.store(URI.create(url), List.of(setCookies));
        return jar;
    }

    private static Optional<String> sentTo(CookieJar jar, String url) {
        return jar.cookieHeader(URI.create(url));
    }

    private static void assertSent(CookieJar jar, String cookieHeader, String... urls) {
        for (String url : urls) {
            assertEquals(Optional.of(cookieHeader), sentTo(jar, url), url);
        }
    }

    private static void assertNothingSent(CookieJar jar, String... urls) {
        for (String url : urls) {
            assertEquals(Optional.empty(), sentTo(jar, url), url);
        }
    }

    @Test
    void sendsACookieBackToTheHostThatSetIt() {
        CookieJar jar = jarWith("https://shop.example/login", "sid=abc123; Path=/; HttpOnly");
        assertSent(jar, "sid=abc123", "https://shop.example/cart");
        assertNothingSent(jar, "https://other.example/cart");
        assertTrue(jar.changed());
    }

    @Test
    void aCookieWithoutDomainIsForThatHostOnly() {
        CookieJar jar = jarWith("https://example.com/", "a=1");
        assertSent(jar, "a=1", "https://example.com/");
        assertNothingSent(jar, "https://www.example.com/");
    }

    @Test
    void aDomainCookieGoesToSubdomainsToo() {
        CookieJar jar = jarWith("https://login.example.com/", "a=1; Domain=.Example.com");
        assertSent(jar, "a=1", "https://example.com/", "https://api.example.com/");
        assertNothingSent(jar, "https://badexample.com/");
    }

    @Test
    void ignoresACookieForAnotherDomainOrATopLevelDomain() {
        CookieJar jar = jarWith(
                "https://www.example.com/", "a=1; Domain=other.com", "b=2; Domain=com", "c=3; Domain=api.example.com");
        assertNothingSent(jar, "https://other.com/", "https://api.example.com/", "https://www.example.com/");
        assertFalse(jar.changed());
    }

    @Test
    void sendsACookieOnlyUnderItsPath() {
        CookieJar jar = jarWith("https://example.com/", "a=1; Path=/docs");
        assertSent(jar, "a=1", "https://example.com/docs", "https://example.com/docs/page");
        assertNothingSent(jar, "https://example.com/docsearch", "https://example.com/");
    }

    @Test
    void withoutPathTheCookieBelongsToTheRequestsDirectory() {
        CookieJar jar = jarWith("https://example.com/api/login", "a=1");
        assertSent(jar, "a=1", "https://example.com/api/orders");
        assertNothingSent(jar, "https://example.com/other");
    }

    @Test
    void longerPathsComeFirst() {
        CookieJar jar = jarWith("https://example.com/", "outer=1; Path=/", "inner=2; Path=/a/b");
        assertSent(jar, "inner=2; outer=1", "https://example.com/a/b/c");
    }

    @Test
    void aSecureCookieTravelsOnlyOverHttps() {
        CookieJar jar = jarWith("https://example.com/", "s=1; Secure; Path=/");
        assertSent(jar, "s=1", "https://example.com/");
        assertNothingSent(jar, "http://example.com/");
        assertEquals(Optional.empty(), sentTo(jarWith("http://example.com/", "s=1; Secure"), "https://example.com/"));
    }

    @Test
    void aNewCookieReplacesTheOneWithTheSameNameDomainAndPath() {
        CookieJar jar = jarWith("https://example.com/", "a=1; Path=/", "a=2; Path=/", "a=3; Path=/x");
        assertSent(jar, "a=3; a=2", "https://example.com/x");
    }

    @Test
    void anExpiredCookieDeletesTheOneItNames() {
        CookieJar jar = jarWith("https://example.com/", "a=1; Path=/", "b=2; Path=/");
        jar.store(
                URI.create("https://example.com/"),
                List.of("a=; Path=/; Max-Age=0", "b=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
        assertNothingSent(jar, "https://example.com/");
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, jar.toJson());
    }

    @Test
    void maxAgeWinsOverExpires() {
        CookieJar jar =
                jarWith("https://example.com/", "a=1; Path=/; Max-Age=60; Expires=Wed, 01 Jan 2020 00:00:00 GMT");
        assertEquals("2030-06-01T12:01:00Z", jar.toJson().getJsonObject(0).getString("expires"));
    }

    @Test
    void roundTripsThroughTheSessionsJson() {
        CookieJar jar = jarWith(
                "https://api.example.com/v1/login",
                "sid=xyz; Domain=example.com; Path=/v1; Expires=Sun, 06 Nov 2033 08:49:37 GMT; Secure; HttpOnly",
                "theme=dark");
        JsonArray stored = jar.toJson();
        assertEquals(
                json("[{'name': 'sid', 'value': 'xyz', 'domain': 'example.com', 'path': '/v1',"
                        + " 'expires': '2033-11-06T08:49:37Z', 'secure': true, 'http_only': true, 'host_only': false},"
                        + " {'name': 'theme', 'value': 'dark', 'domain': 'api.example.com', 'path': '/v1', 'expires': null,"
                        + " 'secure': false, 'http_only': false, 'host_only': true}]"),
                stored);

        CookieJar reloaded = CookieJar.from(stored, CLOCK);
        assertFalse(reloaded.changed());
        assertEquals(stored, reloaded.toJson());
        assertSent(reloaded, "sid=xyz; theme=dark", "https://api.example.com/v1/orders");
        assertSent(reloaded, "sid=xyz", "https://www.example.com/v1/");
    }

    @Test
    void dropsStoredEntriesThatAreNotCookiesOrHaveExpired() {
        CookieJar jar = CookieJar.from(
                json("[{'name': 'ok', 'value': '1', 'domain': 'example.com'},"
                                + " {'value': 'no name', 'domain': 'example.com'}, 'text', {'name': 'nodomain'},"
                                + " {'name': 'old', 'value': '1', 'domain': 'example.com', 'expires': '2020-01-01T00:00:00Z'}]")
                        .asJsonArray(),
                CLOCK);
        assertTrue(jar.changed());
        assertSent(jar, "ok=1", "https://example.com/");
        assertEquals(1, jar.toJson().size());
    }

    @Test
    void ignoresMalformedSetCookieHeaders() {
        CookieJar jar = jarWith("https://example.com/", "no-equals-sign", "=nameless", "x".repeat(5000) + "=1");
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, jar.toJson());
        assertFalse(jar.changed());
    }

    @Test
    void keepsAtMostSoManyCookiesDroppingTheOldest() {
        CookieJar jar = empty();
        for (int i = 0; i <= CookieJar.MAX_COOKIES; i++) {
            jar.store(URI.create("https://example.com/"), List.of("c" + i + "=1; Path=/"));
        }
        JsonArray stored = jar.toJson();
        assertEquals(CookieJar.MAX_COOKIES, stored.size());
        assertEquals("c1", stored.getJsonObject(0).getString("name"));
    }

    @Test
    void readsTheCookieDateFormatsServersSend() {
        Instant expected = Instant.parse("1994-11-06T08:49:37Z");
        for (String date : List.of(
                "Sun, 06 Nov 1994 08:49:37 GMT",
                "Sunday, 06-Nov-94 08:49:37 GMT",
                "Sun Nov  6 08:49:37 1994",
                "Sun, 06-Nov-1994 08:49:37 GMT")) {
            assertEquals(Optional.of(expected), CookieRules.parseDate(date), date);
        }
        assertEquals(Optional.empty(), CookieRules.parseDate("Sun, 31 Feb 1994 08:49:37 GMT"));
        assertEquals(Optional.empty(), CookieRules.parseDate("tomorrow"));
    }
}
