package io.orchestrator.nodes.http;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The basics of RFC 6265: reading a {@code Set-Cookie} header into a cookie to store (section 5.2
 * and 5.3), and which domains and paths a cookie belongs to. There is no public-suffix list: a
 * {@code Domain} without a dot (such as {@code com}) is refused, a longer public suffix
 * ({@code co.uk}) is not recognised.
 */
final class CookieRules {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\D.*)?");
    private static final Pattern DAY = Pattern.compile("(\\d{1,2})(\\D.*)?");
    private static final Pattern YEAR = Pattern.compile("(\\d{2,4})(\\D.*)?");
    private static final Pattern DATE_DELIMITERS =
            Pattern.compile("[\\x09\\x20-\\x2F\\x3B-\\x40\\x5B-\\x60\\x7B-\\x7E]+");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private CookieRules() {}

    /** The cookie a response from this URL sets, or empty when the header is malformed or not allowed to set it. */
    static Optional<StoredCookie> parseSetCookie(String header, URI from, Instant now) {
        String[] parts = header.split(";");
        int equals = parts[0].indexOf('=');
        if (equals < 0) {
            return Optional.empty();
        }
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = null;
        Instant maxAgeExpiry = null;
        String domain = null;
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i];
            int sign = attribute.indexOf('=');
            String key =
                    (sign < 0 ? attribute : attribute.substring(0, sign)).trim().toLowerCase(Locale.ROOT);
            String argument = sign < 0 ? "" : attribute.substring(sign + 1).trim();
            switch (key) {
                case "expires" -> expires = parseDate(argument).orElse(expires);
                case "max-age" -> maxAgeExpiry = maxAge(argument, now).orElse(maxAgeExpiry);
                case "domain" ->
                    domain = argument.isEmpty() ? domain : stripLeadingDot(argument.toLowerCase(Locale.ROOT));
                case "path" -> path = argument.startsWith("/") ? argument : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                default -> {
                    // SameSite, Priority...: nothing a server-side client acts on.
                }
            }
        }
        String host = host(from);
        boolean hostOnly = domain == null;
        if (hostOnly) {
            domain = host;
        } else if (!domainMatches(host, domain) || !domain.contains(".") && !domain.equals(host)) {
            return Optional.empty();
        }
        if (secure && !"https".equalsIgnoreCase(from.getScheme())) {
            return Optional.empty();
        }
        return Optional.of(new StoredCookie(
                name,
                value,
                domain,
                path == null ? defaultPath(from) : path,
                maxAgeExpiry != null ? maxAgeExpiry : expires,
                secure,
                httpOnly,
                hostOnly));
    }

    /** The host a cookie is compared with: lower case, without IPv6 brackets. */
    static String host(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static String requestPath(URI url) {
        String path = url.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** {@code www.example.com} domain-matches {@code example.com}; an IP address matches only itself. */
    static boolean domainMatches(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain) && IpRange.literalOrNull(host) == null;
    }

    /** {@code /docs/a} path-matches {@code /docs} and {@code /docs/}, not {@code /doc}. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        return requestPath.equals(cookiePath)
                || requestPath.startsWith(cookiePath)
                        && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** The directory of the request's path: {@code /a/b} for {@code /a/b/c}, {@code /} for {@code /a}. */
    static String defaultPath(URI url) {
        String path = requestPath(url);
        int lastSlash = path.lastIndexOf('/');
        return lastSlash <= 0 ? "/" : path.substring(0, lastSlash);
    }

    private static String stripLeadingDot(String domain) {
        return domain.startsWith(".") ? domain.substring(1) : domain;
    }

    private static Optional<Instant> maxAge(String seconds, Instant now) {
        if (!seconds.matches("-?\\d+")) {
            return Optional.empty();
        }
        long delta;
        try {
            delta = Long.parseLong(seconds);
        } catch (NumberFormatException huge) {
            delta = seconds.startsWith("-") ? 0 : Integer.MAX_VALUE;
        }
        // Zero or less means "expire now"; the earliest representable instant says so unambiguously.
        return Optional.of(delta <= 0 ? Instant.EPOCH : now.plusSeconds(Math.min(delta, Integer.MAX_VALUE)));
    }

    /** The cookie date algorithm of RFC 6265 section 5.1.1, lenient as browsers are. */
    static Optional<Instant> parseDate(String text) {
        int[] time = null;
        Integer day = null;
        Integer month = null;
        Integer year = null;
        for (String token : DATE_DELIMITERS.split(text)) {
            Matcher matcher;
            if (time == null && (matcher = TIME.matcher(token)).matches()) {
                time = new int[] {
                    Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3))
                };
            } else if (day == null && (matcher = DAY.matcher(token)).matches()) {
                day = Integer.parseInt(matcher.group(1));
            } else if (month == null
                    && token.length() >= 3
                    && MONTHS.contains(token.substring(0, 3).toLowerCase(Locale.ROOT))) {
                month = MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
            } else if (year == null && (matcher = YEAR.matcher(token)).matches()) {
                year = Integer.parseInt(matcher.group(1));
            }
        }
        if (time == null || day == null || month == null || year == null) {
            return Optional.empty();
        }
        int fullYear = year < 70 ? year + 2000 : year < 100 ? year + 1900 : year;
        if (fullYear < 1601 || time[0] > 23 || time[1] > 59 || time[2] > 59) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(fullYear, month, day, time[0], time[1], time[2])
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeException noSuchDay) {
            return Optional.empty();
        }
    }
}
