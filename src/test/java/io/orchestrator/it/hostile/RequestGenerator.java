package io.orchestrator.it.hostile;

import io.orchestrator.it.hostile.Fixtures.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Makes the storm's requests from a seed: request {@code i} depends only on the seed and {@code i}
 * (and the fixtures' ids), whatever thread sends it, so a failure's seed and index make it again.
 * Most requests aim at a real endpoint with the right method and a real id, the better to get past
 * the first checks; each part may be spoiled: the method, an id, the query, the body, its content
 * type, the token, a header.
 */
public final class RequestGenerator {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /**
     * Path segments no id looks like, among them what Open Liberty's web container refuses before any
     * application runs (a NUL, a dot segment with a parameter, dot segments above the root), which the
     * request guard (src/liberty-feature) answers in the error shape.
     */
    static final List<String> ODD_SEGMENTS = List.of(
            "x".repeat(500),
            "y".repeat(5_000),
            "%27%20OR%20%271%27%3D%271",
            "%F0%9F%92%A5",
            "%C3%A9t%C3%A9",
            "null",
            "undefined",
            "-1",
            "0",
            "1e100000000",
            "%25",
            "%20",
            "..",
            "%2F",
            "%2e%2e",
            "%5C",
            "%FF%FE",
            "%C0%AE",
            "%ED%A0%80",
            "%E2%80%AE",
            "%7B%7D",
            "%24%7B1%2B1%7D",
            "*",
            "~",
            "a;b=c",
            "%00",
            "%0a",
            "..;",
            ".;x",
            "%3B",
            ";x",
            "%3Cscript%3E",
            "6F9619FF-8B86-D011-B42D-00C04FC964FF",
            "00000000-0000-0000-0000-000000000000");

    private static final List<String> QUERY_VALUES = List.of(
            "10",
            "0",
            "-1",
            "abc",
            "1e100000000",
            "99999999999999999999",
            "",
            "%FF",
            "%C0%AE",
            "500",
            "501",
            "2.5",
            "garbage",
            "eyJ4IjoxfQ",
            "%7B%22a%22%3A1%7D",
            "yaml",
            "json",
            "xml",
            "started,waiting",
            "bogus,",
            "2030-01-01T00:00:00Z",
            "yesterday",
            "x".repeat(10_000));

    private final long seed;
    private final Fixtures fixtures;
    private final Bodies bodies;

    public RequestGenerator(long seed, Fixtures fixtures) {
        this.seed = seed;
        this.fixtures = fixtures;
        this.bodies = new Bodies(fixtures);
    }

    public HostileRequest request(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        Endpoint endpoint = HostileValues.one(random, Endpoint.ALL);
        String method = random.nextInt(100) < 85 ? endpoint.method() : HostileValues.one(random, METHODS);
        String path = path(endpoint, random) + query(endpoint, random);

        Bodies.Body body = null;
        boolean reads = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        if (reads ? random.nextInt(20) > 0 : random.nextInt(10) == 0) {
            body = bodies.any(endpoint.body(), random);
        }
        Map<String, String> headers = headers(endpoint, random);
        String authorization = authorization(random);
        return new HostileRequest(
                index,
                method,
                endpoint.template(),
                path,
                body == null ? null : body.bytes(),
                body != null && body.chunked(),
                body == null ? null : body.contentType(),
                authorization,
                headers,
                (authorization == null || !authorization.endsWith(fixtures.stormToken)
                                ? "token " + tokenName(authorization) + "; "
                                : "")
                        + (body == null ? "-" : body.summary()));
    }

    private String path(Endpoint endpoint, Random random) {
        String path = endpoint.template();
        for (Kind kind : Kind.values()) {
            while (path.contains(kind.placeholder)) {
                int at = path.indexOf(kind.placeholder);
                path = path.substring(0, at) + id(kind, random) + path.substring(at + kind.placeholder.length());
            }
        }
        int tweak = random.nextInt(100);
        if (tweak < 3 && path.endsWith("/")) {
            return path.substring(0, path.length() - 1);
        }
        if (tweak < 5) {
            return path.replaceFirst("/api/", "/api//");
        }
        if (tweak < 7) {
            return path + (path.endsWith("/") ? "" : "/") + "extra/";
        }
        if (tweak < 8) {
            return path.toUpperCase();
        }
        return path;
    }

    private String id(Kind kind, Random random) {
        List<String> real = fixtures.pool(kind);
        int pick = random.nextInt(100);
        if (!real.isEmpty() && pick < 55) {
            return HostileValues.one(random, real);
        }
        if (pick < 70) {
            return switch (kind) {
                case CACHE_KEY ->
                    Long.toHexString(random.nextLong())
                            .repeat(4)
                            .substring(0, 16)
                            .repeat(4);
                case HOOK, NODE_TYPE -> "no-such-" + random.nextInt(1000);
                default -> new UUID(random.nextLong(), random.nextLong()).toString();
            };
        }
        return HostileValues.one(random, ODD_SEGMENTS);
    }

    private static String query(Endpoint endpoint, Random random) {
        StringBuilder query = new StringBuilder();
        for (String name : endpoint.query()) {
            if (random.nextBoolean()) {
                query.append(query.length() == 0 ? '?' : '&')
                        .append(name)
                        .append('=')
                        .append(HostileValues.one(random, QUERY_VALUES));
            }
        }
        if (random.nextInt(20) == 0) {
            query.append(query.length() == 0 ? '?' : '&').append("&&=&a[]=1&%FF=%FE&limit=1&limit=2");
        }
        return query.toString();
    }

    private static Map<String, String> headers(Endpoint endpoint, Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (endpoint.template().endsWith("/download/") && random.nextBoolean()) {
            headers.put(
                    "Range",
                    HostileValues.one(
                            random,
                            List.of(
                                    "bytes=abc",
                                    "bytes=99999999999999999999-",
                                    "bytes=-0",
                                    "bytes=5-1",
                                    "bytes=0-1,2-3,4-5",
                                    "bytes=-99999999999999999999",
                                    "items=0-1",
                                    "bytes=0-0")));
        }
        if (endpoint.template().startsWith("/api/hooks/") && random.nextInt(4) == 0) {
            headers.put(
                    random.nextBoolean() ? "X-Webhook-Secret" : "X-Signature-256",
                    HostileValues.one(random, List.of("sha256=zz", "sha256=", "x".repeat(8_000), "")));
        }
        if (random.nextInt(12) == 0) {
            String[] header = HostileValues.one(
                    random,
                    List.of(
                            new String[] {"Accept", "application/xml"},
                            new String[] {"Accept", "text/html;q=0.9, */*;q=0.1"},
                            new String[] {"Accept", "nonsense"},
                            new String[] {"Accept-Charset", "ebcdic"},
                            new String[] {"X-Request-ID", "has spaces <and> " + "x".repeat(200)},
                            new String[] {"X-HTTP-Method-Override", "DELETE"},
                            new String[] {"Content-Encoding", "gzip"},
                            new String[] {"Origin", "http://evil.example"},
                            new String[] {"If-None-Match", "*"},
                            new String[] {"Cookie", "JSESSIONID=" + "a".repeat(4_000)}));
            headers.put(header[0], header[1]);
        }
        return headers;
    }

    private String authorization(Random random) {
        int pick = random.nextInt(100);
        if (pick < 88) {
            return "Bearer " + fixtures.stormToken;
        }
        return HostileValues.one(
                random,
                java.util.Arrays.asList(
                        null,
                        "Bearer",
                        "Bearer ",
                        "Bearer garbage",
                        "Bearer " + "x".repeat(10_000),
                        "Bearer wfo_" + "A".repeat(40),
                        "Bearer " + fixtures.expiredToken,
                        "Bearer " + fixtures.revokedToken,
                        "Bearer " + fixtures.userToken,
                        "Basic dXNlcjpwYXNzd29yZA==",
                        "bearer " + fixtures.stormToken + " extra",
                        "Bearer " + fixtures.stormToken.toUpperCase()));
    }

    private String tokenName(String authorization) {
        if (authorization == null) {
            return "none";
        }
        if (authorization.endsWith(fixtures.expiredToken)) {
            return "expired";
        }
        if (authorization.endsWith(fixtures.revokedToken)) {
            return "revoked";
        }
        if (authorization.endsWith(fixtures.userToken)) {
            return "user";
        }
        return Bodies.excerpt(authorization.replace(fixtures.stormToken, "<storm token>"));
    }
}
