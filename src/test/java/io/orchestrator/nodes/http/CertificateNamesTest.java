package io.orchestrator.nodes.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CertificateNamesTest {

    @Test
    void aNameMatchesItselfWithoutCaseOrTheRootsDot() {
        assertTrue(CertificateNames.matches("api.example.com", "api.example.com"));
        assertTrue(CertificateNames.matches("api.example.com", "api.example.com."));
        assertFalse(CertificateNames.matches("api.example.com", "example.com"));
        assertFalse(CertificateNames.matches("example.com", "api.example.com"));
        assertFalse(CertificateNames.matches("api.example.com", "api.example.com.evil.example"));
    }

    @Test
    void aWildcardStandsForTheWholeLeftmostLabelOnly() {
        assertTrue(CertificateNames.matches("*.example.com", "api.example.com"));
        assertFalse(CertificateNames.matches("*.example.com", "example.com"));
        assertFalse(CertificateNames.matches("*.example.com", "a.b.example.com"));
        assertFalse(CertificateNames.matches("*.com", "example.com"));
        assertFalse(CertificateNames.matches("*.example.com", ".example.com"));
    }
}
