package io.orchestrator.nodes.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request the {@code http-request} node sends, before cookies are added: method, URL, headers in
 * the order given (a name may repeat) and the body, null for none.
 */
public record OutboundRequest(String method, URI url, List<Header> headers, byte[] body) {

    /** @param credential whether it carries credentials, never sent on to another origin by a redirect */
    public record Header(String name, String value, boolean credential) {

        public Header(String name, String value) {
            this(name, value, false);
        }

        /** A header that carries a secret, whatever its name. */
        public static Header credential(String name, String value) {
            return new Header(name, value, true);
        }

        @Override
        public String toString() {
            return credential ? "Header[" + name + ": ********]" : "Header[" + name + ": " + value + "]";
        }

        boolean is(String headerName) {
            return name.equalsIgnoreCase(headerName);
        }

        /** Marked as a credential, or named like one. */
        boolean carriesCredentials() {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            return credential
                    || CREDENTIALS.contains(lowerCase)
                    || CREDENTIAL_NAME.matcher(lowerCase).find();
        }
    }

    /** Headers that belong to one site's credentials or to a body, dropped when a redirect changes them. */
    private static final List<String> CREDENTIALS = List.of("authorization", "proxy-authorization", "cookie");

    /**
     * Words that mark a header the node set itself as a credential, for a redirect to another origin:
     * APIs carry keys in headers of their own naming ({@code X-Api-Key}, {@code X-Auth-Token},
     * {@code Private-Token}, {@code Ocp-Apim-Subscription-Key}, {@code X-Session-Id}...), and a
     * redirect must not hand them to whichever site it points at. A harmless header caught by
     * these words only misses the other site, which is the safe side.
     */
    private static final Pattern CREDENTIAL_NAME =
            Pattern.compile("auth|token|key|secret|passw|session|cookie|signature|credential|csrf|xsrf");

    private static final List<String> BODY_HEADERS = List.of("content-type", "content-encoding", "content-language");

    public OutboundRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(url);
        headers = List.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return headers.stream()
                .filter(header -> header.is(name))
                .map(Header::value)
                .findFirst();
    }

    /**
     * The request a redirect with this status asks for: 303, and 301/302 after a POST, become a GET
     * without a body (as browsers do); 307 and 308 repeat the request. Credentials (a connection's
     * headers, and any header named like one) are not sent to another origin.
     */
    OutboundRequest redirectedTo(URI target, int status) {
        boolean becomesGet =
                status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST");
        boolean sameOrigin = sameOrigin(url, target);
        List<Header> kept = headers.stream()
                .filter(header -> sameOrigin || !header.carriesCredentials())
                .filter(header ->
                        !becomesGet || !BODY_HEADERS.contains(header.name().toLowerCase(Locale.ROOT)))
                .toList();
        return new OutboundRequest(becomesGet ? "GET" : method, target, kept, becomesGet ? null : body);
    }

    private static boolean sameOrigin(URI one, URI other) {
        return one.getScheme().equalsIgnoreCase(other.getScheme())
                && CookieRules.host(one).equals(CookieRules.host(other))
                && port(one) == port(other);
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
