package io.orchestrator.it.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs webhook calls as the README tells a caller to, written apart from the server's code on purpose. */
public final class WebhookSigner {

    private WebhookSigner() {}

    /** The caller with X-Webhook-Timestamp and X-Webhook-Signature for this body, signed at this time. */
    public static Api signed(Api caller, String secret, long epochSeconds, String body) {
        return caller.withHeader("X-Webhook-Timestamp", Long.toString(epochSeconds))
                .withHeader("X-Webhook-Signature", "sha256=" + hmac(secret, epochSeconds + "." + body));
    }

    /** Signed now. */
    public static Api signed(Api caller, String secret, String body) {
        return signed(caller, secret, System.currentTimeMillis() / 1000, body);
    }

    public static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException(missing);
        }
    }
}
