package io.orchestrator.connections;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A rabbitmq connection's base URL: {@code amqp://host[:port][/vhost]} or {@code amqps://...}. The
 * user and password go in the connection's secret (sealed at rest), never in the URL.
 */
public record AmqpUrl(boolean tls, String host, int port, String virtualHost) {

    public static AmqpUrl parse(String url) {
        String problem = problem(url);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        URI uri = URI.create(url.trim());
        boolean tls = uri.getScheme().equalsIgnoreCase("amqps");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 5671 : 5672;
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new AmqpUrl(tls, uri.getHost(), port, path.isEmpty() ? "/" : path);
    }

    /** What is wrong with the URL, or null. */
    public static String problem(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException bad) {
            return "Not a valid URL: " + bad.getReason() + ".";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            return "Must start with amqp:// or amqps://.";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "Must name the broker's host.";
        }
        if (uri.getRawUserInfo() != null) {
            return "Must not hold credentials; put user:password in secret.";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "Must not have a query or a fragment.";
        }
        return null;
    }
}
