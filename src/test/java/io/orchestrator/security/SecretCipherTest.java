package io.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final byte[] KEY = Base64.getDecoder().decode(SecretKeySource.generate());
    private final SecretCipher cipher = new SecretCipher(KEY);

    @Test
    void aSealedSecretOpensToTheSameText() {
        String sealed = cipher.seal("s3cret, with ünïcode ✓");
        assertTrue(sealed.startsWith("enc:v1:"), sealed);
        assertFalse(sealed.contains("s3cret"));
        assertEquals("s3cret, with ünïcode ✓", cipher.open(sealed));
        assertEquals("", cipher.open(cipher.seal("")));
    }

    @Test
    void sealingTheSameSecretTwiceGivesTwoTextsSinceEachHasItsOwnIv() {
        assertNotEquals(cipher.seal("same"), cipher.seal("same"));
    }

    @Test
    void aChangedSealedValueIsDetectedNotDecrypted() {
        String sealed = cipher.seal("the secret");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("enc:v1:".length()));
        bytes[bytes.length - 5] ^= 1;
        String tampered = "enc:v1:" + Base64.getEncoder().encodeToString(bytes);
        assertEquals(Optional.empty(), cipher.tryOpen(tampered));
        SecretCipher.UnreadableSecret failure =
                assertThrows(SecretCipher.UnreadableSecret.class, () -> cipher.open(tampered));
        assertFalse(failure.getMessage().contains("the secret"));
    }

    @Test
    void aValueSealedWithAnotherKeyDoesNotOpen() {
        SecretCipher other = new SecretCipher(Base64.getDecoder().decode(SecretKeySource.generate()));
        assertEquals(Optional.empty(), other.tryOpen(cipher.seal("mine")));
        assertThrows(SecretCipher.UnreadableSecret.class, () -> other.open(cipher.seal("mine")));
    }

    @Test
    void textsThatAreNotSealedValuesDoNotOpen() {
        assertEquals(Optional.empty(), cipher.tryOpen("plain"));
        assertEquals(Optional.empty(), cipher.tryOpen("enc:v1:not base64!"));
        assertEquals(Optional.empty(), cipher.tryOpen("enc:v1:AAAA"));
        assertEquals(Optional.empty(), cipher.tryOpen(null));
    }

    @Test
    void aKeyMustHave32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(new byte[16]));
    }

    @Test
    void secretsSealsOnlyWhatIsNotSealedYetAndOpensLegacyClearValuesAsTheyAre() {
        Secrets secrets = Secrets.with(cipher);
        String sealed = secrets.seal("x");
        assertEquals(sealed, secrets.sealIfClear(sealed));
        String lookalike = "enc:v1:forged";
        String sealedLookalike = secrets.sealIfClear(lookalike);
        assertNotEquals(lookalike, sealedLookalike);
        assertEquals(lookalike, secrets.open(sealedLookalike));
        assertEquals("stored before sealing", secrets.open("stored before sealing"));
    }
}
