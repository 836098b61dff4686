package io.orchestrator.engine.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook's secret, shown either as itself ({@code X-Webhook-Secret}) or as the HMAC-SHA256 of
 * the body in GitHub's form ({@code X-Signature-256: sha256=<hex>}). Compared in constant time.
 */
final class WebhookSignature {

    private WebhookSignature() {}

    static boolean accepts(String secret, String secretHeader, String signatureHeader, byte[] body) {
        if (secretHeader != null
                && constantTimeEquals(
                        secret.getBytes(StandardCharsets.UTF_8), secretHeader.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        if (signatureHeader == null) {
            return false;
        }
        String given = signatureHeader.trim();
        if (given.startsWith("sha256=")) {
            given = given.substring("sha256=".length());
        }
        return constantTimeEquals(
                hmac(secret, body).getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", missing);
        }
    }

    private static boolean constantTimeEquals(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }
}
