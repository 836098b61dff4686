package io.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSecretsTest {

    @Test
    void aTokenIsThePrefixAndFortyThreeUrlSafeCharacters() {
        String token = TokenSecrets.generate();
        assertTrue(token.matches("wfo_[A-Za-z0-9_-]{43}"), token);
    }

    @Test
    void aTokenCarriesTwoHundredFiftySixRandomBits() {
        byte[] random = Base64.getUrlDecoder().decode(TokenSecrets.generate().substring("wfo_".length()));
        assertEquals(32, random.length);
        assertTrue(random.length * 8 >= 128);
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(TokenSecrets.generate());
        }
        assertEquals(1000, tokens.size());
    }

    @Test
    void hashIsTheLowerCaseHexSha256OfTheToken() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.hash("abc"));
    }

    @Test
    void hashIsStableAndSixtyFourHexDigits() {
        String token = TokenSecrets.generate();
        String hash = TokenSecrets.hash(token);
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(hash, TokenSecrets.hash(token));
    }

    @Test
    void differentTokensHashDifferently() {
        assertNotEquals(TokenSecrets.hash("wfo_a"), TokenSecrets.hash("wfo_b"));
    }

    @Test
    void displayPrefixShowsThePrefixAndSixCharacters() {
        assertEquals("wfo_AbCdEf", TokenSecrets.displayPrefix("wfo_AbCdEfGhIjKlMn"));
    }

    @Test
    void displayPrefixOfAShortTokenIsTheWholeToken() {
        assertEquals("wfo_ab", TokenSecrets.displayPrefix("wfo_ab"));
    }
}
