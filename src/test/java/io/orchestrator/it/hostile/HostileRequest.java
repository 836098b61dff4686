package io.orchestrator.it.hostile;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * One request of the storm, as the generator made it: {@code index} and the storm's seed make it
 * again. {@code body} null is no body; {@code chunked} sends it without a Content-Length, so that
 * the server must count rather than trust a header.
 */
public record HostileRequest(
        int index,
        String method,
        String template,
        String path,
        byte[] body,
        boolean chunked,
        String contentType,
        String authorization,
        Map<String, String> headers,
        String summary) {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    HttpRequest toHttp(URI base) {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).method(method, publisher);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::setHeader);
        return request.build();
    }

    /** How a failure names this request: enough to recognise it, short enough to read in a list. */
    String describe() {
        String shown = path.length() > 160 ? path.substring(0, 160) + "…(" + path.length() + " chars)" : path;
        return "#" + index + " " + method + " " + shown + " [" + summary + "; "
                + (body == null ? "no body" : body.length + " bytes" + (chunked ? " chunked" : ""))
                + (contentType == null ? "" : ", " + contentType)
                + (headers.isEmpty() ? "" : ", headers " + headers.keySet()) + "]";
    }
}
