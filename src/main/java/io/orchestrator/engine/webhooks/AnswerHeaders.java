package io.orchestrator.engine.webhooks;

import io.orchestrator.engine.RunPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which headers a respond-webhook node may give the webhook's caller. Anyone can make a webhook
 * call, and the answer goes out under this server's name: a cookie set there lands in the caller's
 * browser for this server's host, CORS headers would let any web page read the server's answers,
 * and a {@code Location} elsewhere makes the server an open redirect. So {@code Set-Cookie},
 * {@code Access-Control-*} and a {@code Location} to another origin are left out unless the
 * workflow's settings allow them ({@code webhook_allow_cookies}, {@code webhook_allow_cors},
 * {@code webhook_allow_redirects}); a relative {@code Location}, or one to this server's own
 * origin, is always fine.
 */
final class AnswerHeaders {

    /** The headers that go out, and a sentence for each one left out, for the server log. */
    record Checked(Map<String, String> kept, List<String> leftOut) {}

    private AnswerHeaders() {}

    static Checked check(Map<String, String> headers, RunPolicy policy, URI requestUrl) {
        Map<String, String> kept = new LinkedHashMap<>();
        List<String> leftOut = new ArrayList<>();
        headers.forEach((name, value) -> {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if ((lowerCase.equals("set-cookie") || lowerCase.equals("set-cookie2")) && !policy.webhookAllowsCookies()) {
                leftOut.add(name + " (allowed by the workflow setting webhook_allow_cookies)");
            } else if (lowerCase.startsWith("access-control-") && !policy.webhookAllowsCors()) {
                leftOut.add(name + " (allowed by the workflow setting webhook_allow_cors)");
            } else if (lowerCase.equals("location")
                    && !policy.webhookAllowsRedirects()
                    && !staysOnOrigin(value, requestUrl)) {
                leftOut.add(name + ": " + value + " (another origin; allowed by the workflow setting"
                        + " webhook_allow_redirects)");
            } else {
                kept.put(name, value);
            }
        });
        return new Checked(kept, leftOut);
    }

    /** A path on this server, or an absolute URL with the request's scheme, host and port. */
    static boolean staysOnOrigin(String location, URI requestUrl) {
        // Browsers ignore surrounding spaces and control characters, and read a backslash as a slash.
        String target = location.strip().replace('\\', '/');
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException malformed) {
            return false;
        }
        if (uri.getScheme() == null) {
            return uri.getRawAuthority() == null && !target.startsWith("//");
        }
        return requestUrl != null
                && uri.getScheme().equalsIgnoreCase(requestUrl.getScheme())
                && uri.getHost() != null
                && uri.getHost().equalsIgnoreCase(requestUrl.getHost())
                && port(uri) == port(requestUrl);
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
