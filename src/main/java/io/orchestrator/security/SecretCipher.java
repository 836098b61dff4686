package io.orchestrator.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage with AES-256-GCM: a random 96-bit IV per value and a 128-bit tag, so a
 * changed or swapped value is detected rather than decrypted into garbage. The stored text is
 * {@code enc:v1:<base64(iv || ciphertext || tag)>}; the version lets the format or the key change
 * later while old values stay readable. Messages never contain the secret or the key.
 */
public final class SecretCipher {

    public static final int KEY_BYTES = 32;
    private static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("A secret key has " + KEY_BYTES + " bytes (256 bits)");
        }
        this.key = new SecretKeySpec(keyBytes.clone(), "AES");
    }

    /** A value that carries the sealed format's prefix; whether it opens with this key is another matter. */
    public static boolean looksSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String seal(String clear) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] whole = ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            return PREFIX + Base64.getEncoder().encodeToString(whole);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", missing);
        }
    }

    /**
     * The clear text of a sealed value.
     *
     * @throws UnreadableSecret when the value is not in the sealed format, was changed, or was
     *     sealed with another key
     */
    public String open(String stored) {
        return tryOpen(stored)
                .orElseThrow(() -> new UnreadableSecret(
                        "A stored secret cannot be decrypted: it was changed, or sealed with another key"
                                + " (ORCHESTRATOR_SECRET_KEY or the key file in the data directory)"));
    }

    /** The clear text, or empty when the value is not one this key sealed. */
    public Optional<String> tryOpen(String stored) {
        if (!looksSealed(stored)) {
            return Optional.empty();
        }
        byte[] whole;
        try {
            whole = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (whole.length < IV_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, whole, 0, IV_BYTES));
            byte[] clear = cipher.doFinal(whole, IV_BYTES, whole.length - IV_BYTES);
            return Optional.of(new String(clear, StandardCharsets.UTF_8));
        } catch (AEADBadTagException tamperedOrOtherKey) {
            return Optional.empty();
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", missing);
        }
    }

    /** A stored secret that this server cannot read; its message names no secret. */
    public static final class UnreadableSecret extends RuntimeException {
        UnreadableSecret(String message) {
            super(message, null, false, false);
        }
    }
}
