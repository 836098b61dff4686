package io.orchestrator.engine.webhooks;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A call to {@code /api/hooks/{path}} as plain values, for the {@link WebhookTrigger} to decide on:
 * also the address it came from (for the limit per caller) and the URL it was made to (whose origin
 * a respond-webhook node's {@code Location} may point to). The body is read only when the trigger
 * asks for it: a call refused for its path, its workflow, a rate limit or its method does not make
 * the server read up to the body limit first.
 */
public record WebhookCall(
        String method,
        String path,
        Map<String, List<String>> headers,
        Map<String, List<String>> query,
        Body body,
        String callerAddress,
        URI url) {

    /** Reads the body's bytes, once, within the server's body limits. */
    @FunctionalInterface
    public interface Body {
        byte[] read();
    }

    /** A header's first value, whatever the case of its name; null when the call has none. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    /** Whether the content type says JSON ({@code application/json}, {@code application/vnd.api+json}...). */
    boolean declaresJson() {
        String type = header("Content-Type");
        if (type == null) {
            return false;
        }
        String mediaType = type.split(";", 2)[0];
        return mediaType
                .substring(mediaType.indexOf('/') + 1)
                .toLowerCase(Locale.ROOT)
                .contains("json");
    }
}
