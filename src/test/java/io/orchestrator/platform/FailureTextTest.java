package io.orchestrator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureTextTest {

    @Test
    void aPlainMessageStaysAsItIs() {
        assertEquals("Connection reset", FailureText.of(new IOException("Connection reset"), "closed"));
        assertEquals(
                "Could not resolve api.example.com",
                FailureText.of(new IOException("Could not resolve api.example.com"), "closed"));
    }

    @Test
    void theClassNamesOfWrappedExceptionsAreTakenOut() {
        SSLHandshakeException tls = new SSLHandshakeException("PKIX path building failed:"
                + " sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification"
                + " path to requested target");
        assertEquals(
                "PKIX path building failed: unable to find valid certification path to requested target",
                FailureText.of(tls, "the TLS handshake failed"));
        assertEquals(
                "the connection was closed",
                FailureText.of(new IOException(new ClosedChannelException()), "the connection was closed"),
                "a message that was only the wrapped exception's name");
    }

    @Test
    void noMessageGivesTheCallersWordsNotTheClassName() {
        assertEquals("the connection was closed", FailureText.of(new EOFException(), "the connection was closed"));
        assertEquals("nothing", FailureText.of(null, "nothing"));
    }
}
