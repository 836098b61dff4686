package io.orchestrator.nodes.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Sends each request to the address the {@link AddressGuard} checked, so that the name is looked up
 * once: a DNS answer that changes between the check and the connection (DNS rebinding) cannot move
 * the request to a refused address. Java 17's {@link HttpClient} has no hook for name resolution
 * (InetAddressResolverProvider came with Java 18), so the request's URL names the address itself
 * and the host name goes where the server reads it:
 *
 * <ul>
 *   <li>in the {@code Host} header, which the JDK lets a caller set only when the system property
 *       {@value #ALLOW_HOST_PROPERTY} lists {@code host} (liberty/jvm.options sets it);
 *   <li>over TLS, in the SNI extension, and the certificate is checked against that name: the
 *       client leaves a literal address's SNI to the client's {@link SSLParameters}, and the JDK's
 *       trust manager checks the certificate against the SNI name when there is one. SSL
 *       parameters belong to a client, so each host name called over https gets a client of its
 *       own (the most recently used are kept), with a TLS context of its own: a context caches
 *       sessions by address and port, and a session resumed under another name would skip the
 *       certificate check for that name. The JDK's check falls back to the address when the name
 *       does not match; {@link CertificateNames} demands the name.
 * </ul>
 *
 * Requests go as HTTP/1.1: in HTTP/2 the host travels in {@code :authority}, which the JDK takes
 * from the URL. Where the property is missing, or a name cannot be an SNI name (an underscore),
 * the request goes to the name as before and the client looks it up again; the server log says
 * so once.
 */
final class PinnedConnections {

    static final String ALLOW_HOST_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

    private static final int TLS_CLIENTS = 32;
    private static final Logger LOG = Logger.getLogger(PinnedConnections.class.getName());

    private final TrustManager[] trust;
    private final Duration connectTimeout;
    private final boolean hostHeaderAllowed;
    private final HttpClient shared;
    private final Map<String, HttpClient> tlsClients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
            // An HttpClient that nothing references any more stops its selector thread by itself.
            return size() > TLS_CLIENTS;
        }
    };

    /** @param trust the certificates trusted, null for the JVM's (its cacerts) */
    PinnedConnections(TrustManager[] trust, Duration connectTimeout) {
        this.trust = trust;
        this.connectTimeout = connectTimeout;
        this.hostHeaderAllowed = hostHeaderAllowed();
        this.shared = builder().sslContext(newTlsContext(null)).build();
        if (!hostHeaderAllowed) {
            LOG.severe("The system property " + ALLOW_HOST_PROPERTY + " does not list 'host': http-request"
                    + " nodes connect by host name, and the client looks each name up again after the address"
                    + " guard checked it (DNS rebinding). Add -D" + ALLOW_HOST_PROPERTY
                    + "=host to the JVM's options.");
        }
    }

    /** A request builder aimed at the address, with the URL's host in Host; or at the URL when that cannot be. */
    HttpRequest.Builder request(URI url, InetAddress address) {
        if (!pins(url)) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url);
            if ("http".equalsIgnoreCase(url.getScheme())) {
                // HTTP/2 is negotiated over TLS; in clear text the client would add h2c upgrade
                // headers to the first request, which some servers and proxies answer badly.
                builder.version(HttpClient.Version.HTTP_1_1);
            }
            return builder;
        }
        return HttpRequest.newBuilder(URI.create(url.getScheme() + "://" + literal(address)
                        + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                        + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Host", url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : ""));
    }

    /** The client that sends a request built by {@link #request} for this URL. */
    HttpClient client(URI url) {
        if (!pins(url) || !"https".equalsIgnoreCase(url.getScheme()) || IpRange.literalOrNull(url.getHost()) != null) {
            return shared;
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        synchronized (tlsClients) {
            return tlsClients.computeIfAbsent(host, this::tlsClientFor);
        }
    }

    private HttpClient tlsClientFor(String host) {
        SSLContext tls = newTlsContext(host);
        SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(host)));
        return builder().sslContext(tls).sslParameters(parameters).build();
    }

    /** A TLS context of its own; for a host name, one that holds certificates to that name ({@link CertificateNames}). */
    private SSLContext newTlsContext(String host) {
        try {
            TrustManager[] managers = trust;
            if (managers == null) {
                TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                jvm.init((KeyStore) null);
                managers = jvm.getTrustManagers();
            }
            if (host != null) {
                managers = Arrays.stream(managers)
                        .map(manager -> manager instanceof X509ExtendedTrustManager x509
                                ? new CertificateNames(x509, host)
                                : manager)
                        .toArray(TrustManager[]::new);
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, managers, null);
            return tls;
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("The JVM cannot make a TLS context", missing);
        }
    }

    private boolean pins(URI url) {
        return hostHeaderAllowed && url.getHost() != null && sniName(url.getHost());
    }

    private HttpClient.Builder builder() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
    }

    /** Whether the host is an address, or a name TLS can carry in SNI (not one with an underscore). */
    private static boolean sniName(String host) {
        if (IpRange.literalOrNull(host) != null) {
            return true;
        }
        try {
            new SNIHostName(host);
            return true;
        } catch (IllegalArgumentException notAnSniName) {
            return false;
        }
    }

    private static String literal(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int zone = text.indexOf('%');
            return "[" + (zone < 0 ? text : text.substring(0, zone)) + "]";
        }
        return text;
    }

    private static boolean hostHeaderAllowed() {
        try {
            HttpRequest.newBuilder().header("Host", "example.com");
            return true;
        } catch (IllegalArgumentException restricted) {
            return false;
        }
    }
}
