package io.orchestrator.nodes.http;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Holds a server's certificate to the host name the request was for, on top of the JVM's own
 * checks. Connecting to an address ({@link PinnedConnections}), the JDK's check accepts a
 * certificate for the name sent in SNI, but when that fails it tries the address instead: a
 * certificate issued for an IP address would then pass for any name whose DNS answer points at
 * it, so a spoofed answer could take a connection's credentials. This trust manager also demands
 * the name: a DNS name in the certificate's subject alternative names (a wildcard standing for
 * the whole leftmost label only), or its common name when it has none, as RFC 6125 and the JDK
 * read them. It only ever refuses more than the JVM's check.
 */
final class CertificateNames extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager jvm;
    private final String host;

    CertificateNames(X509ExtendedTrustManager jvm, String host) {
        this.jvm = jvm;
        this.host = host.toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jvm.checkServerTrusted(chain, authType, engine);
        requireName(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jvm.checkServerTrusted(chain, authType, socket);
        requireName(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jvm.checkServerTrusted(chain, authType);
        requireName(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jvm.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jvm.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jvm.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jvm.getAcceptedIssuers();
    }

    private void requireName(X509Certificate certificate) throws CertificateException {
        for (String name : namesOf(certificate)) {
            if (matches(name.toLowerCase(Locale.ROOT), host)) {
                return;
            }
        }
        throw new CertificateException(
                "The certificate is not for " + host + " (it names " + namesOf(certificate) + ")");
    }

    /** The certificate's DNS names, or its common name when it has none. */
    static List<String> namesOf(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> alternative : alternatives) {
                // Type 2 is dNSName (RFC 5280, GeneralName).
                if (Integer.valueOf(2).equals(alternative.get(0)) && alternative.get(1) instanceof String dns) {
                    names.add(dns);
                }
            }
        }
        if (names.isEmpty()) {
            for (String part : certificate
                    .getSubjectX500Principal()
                    .getName(X500Principal.RFC2253)
                    .split(",")) {
                if (part.regionMatches(true, 0, "CN=", 0, 3)) {
                    names.add(part.substring(3));
                }
            }
        }
        return names;
    }

    /** Whether a certificate's name covers the host: exactly, or by a wildcard for the leftmost label. */
    static boolean matches(String name, String host) {
        String bareHost = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!name.startsWith("*.")) {
            return name.equals(bareHost);
        }
        int dot = bareHost.indexOf('.');
        return dot > 0 && bareHost.substring(dot).equals(name.substring(1)) && name.indexOf('.', 2) > 0;
    }
}
