package io.orchestrator.engine.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a call proves it knows a webhook's secret: either the secret itself in
 * {@code X-Webhook-Secret}, or a signature of this very call, as Stripe and Slack sign theirs:
 * {@code X-Webhook-Timestamp: <Unix seconds>} and
 * {@code X-Webhook-Signature: sha256=<hex HMAC-SHA256 of timestamp + "." + body>}. The timestamp
 * must be within {@value #WINDOW_SECONDS} s of the server's clock, so that a captured call cannot
 * be played again later, and within the window each signature is let in once ({@link SignedCalls}). A signature of the body alone ({@code X-Signature-256}, GitHub's form,
 * which this server took before) is refused for that reason. Compared in constant time.
 */
final class WebhookSignature {

    static final String SECRET_HEADER = "X-Webhook-Secret";
    static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
    static final String SIGNATURE_HEADER = "X-Webhook-Signature";
    static final String BODY_ONLY_SIGNATURE_HEADER = "X-Signature-256";

    /** How far a signed call's timestamp may be from the server's clock, either way. */
    static final long WINDOW_SECONDS = 300;

    private static final String HOW = "send the secret in " + SECRET_HEADER + ", or sign the call: "
            + TIMESTAMP_HEADER + ": <Unix time in seconds> and " + SIGNATURE_HEADER
            + ": sha256=<hex HMAC-SHA256 of the timestamp, a dot and the body>.";

    private WebhookSignature() {}

    /** Why the call is refused, or empty when it showed the secret or a valid, timely signature. */
    static Optional<String> refusal(String secret, WebhookCall call, byte[] body, long nowEpochSeconds) {
        String shown = call.header(SECRET_HEADER);
        if (shown != null) {
            return constantTimeEquals(secret, shown)
                    ? Optional.empty()
                    : Optional.of("The secret in " + SECRET_HEADER + " is not this webhook's.");
        }
        String signature = call.header(SIGNATURE_HEADER);
        if (signature == null) {
            return Optional.of(
                    call.header(BODY_ONLY_SIGNATURE_HEADER) != null
                            ? BODY_ONLY_SIGNATURE_HEADER
                                    + " (a signature of the body alone) is not accepted: it could be"
                                    + " replayed at any time. Instead, " + HOW
                            : "This webhook needs its secret: " + HOW);
        }
        String timestamp = call.header(TIMESTAMP_HEADER) == null
                ? ""
                : call.header(TIMESTAMP_HEADER).trim();
        if (!timestamp.matches("\\d{1,12}")) {
            return Optional.of(SIGNATURE_HEADER + " needs " + TIMESTAMP_HEADER
                    + ": the Unix time in seconds at which the call was signed, as signed.");
        }
        if (Math.abs(nowEpochSeconds - Long.parseLong(timestamp)) > WINDOW_SECONDS) {
            return Optional.of(TIMESTAMP_HEADER + " is more than " + WINDOW_SECONDS
                    + " seconds away from the server's clock: sign each call as it is sent.");
        }
        String given = signature.trim();
        if (given.regionMatches(true, 0, "sha256=", 0, "sha256=".length())) {
            given = given.substring("sha256=".length());
        }
        return constantTimeEquals(sign(secret, timestamp, body), given.toLowerCase(Locale.ROOT))
                ? Optional.empty()
                : Optional.of(SIGNATURE_HEADER + " does not match: it is the hex HMAC-SHA256, keyed with the"
                        + " secret, of the timestamp as sent in " + TIMESTAMP_HEADER
                        + ", a dot, and the body's bytes.");
    }

    /** A call let in by its signature: its timestamp and its signature as the server computes it. */
    record Signed(long timestampSeconds, String signature) {}

    /**
     * The signature of a call that {@link #refusal} let in by one, rather than by the secret shown:
     * what a replay of the call repeats. Computed, not as sent, so that a replay cannot pass for a
     * new call by writing the same hex in capitals or without its {@code sha256=}.
     */
    static Optional<Signed> signed(String secret, WebhookCall call, byte[] body) {
        if (call.header(SECRET_HEADER) != null || call.header(SIGNATURE_HEADER) == null) {
            return Optional.empty();
        }
        String timestamp = call.header(TIMESTAMP_HEADER).trim();
        return Optional.of(new Signed(Long.parseLong(timestamp), sign(secret, timestamp, body)));
    }

    /** The hex signature of a call with this timestamp (as sent) and body. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", missing);
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
