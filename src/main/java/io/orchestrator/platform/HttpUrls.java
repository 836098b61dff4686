package io.orchestrator.platform;

import java.net.URI;
import java.net.URISyntaxException;

/** The one check of a URL the server is asked to call: an http-request node's, a connection's base URL. */
public final class HttpUrls {

    private HttpUrls() {}

    /** What is wrong with a URL the server could call, or null when nothing is. */
    public static String problemWith(String url) {
        try {
            URI uri = new URI(url.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                return "Must be an absolute http:// or https:// URL.";
            }
            return null;
        } catch (URISyntaxException invalid) {
            return "Not a valid URL: " + invalid.getReason() + ".";
        }
    }
}
