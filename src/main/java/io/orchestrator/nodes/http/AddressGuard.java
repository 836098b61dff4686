package io.orchestrator.nodes.http;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps workflows from reaching into the server's own networks (server-side request forgery): a URL
 * whose host resolves to a loopback, private, link-local (cloud metadata at 169.254.169.254
 * included), shared (CGNAT), unspecified, multicast or reserved address is refused, unless the
 * server's {@value #ALLOW_SETTING} lists the host name, the address or a range holding it.
 *
 * <p>Every address the host resolves to is checked, so a name that answers with one public and one
 * private address is refused, and the check answers the address to connect to: the name is looked
 * up once ({@link PinnedConnections}), so a DNS answer that changes after the check (DNS rebinding)
 * is never used. An IPv6 address that leads to an IPv4 one through NAT64, 6to4 or Teredo is refused
 * when that IPv4 address is ({@link EmbeddedIpv4}).
 */
public final class AddressGuard {

    public static final String ALLOW_SETTING = "ORCHESTRATOR_HTTP_ALLOW";

    /** Looks a host name up; tests replace DNS with a table. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private record Blocked(IpRange range, String kind) {}

    /** The refused blocks, the most specific first so that a refusal names the right kind. */
    private static final List<Blocked> BLOCKED = List.of(
            blocked("0.0.0.0/8", "an unspecified"),
            blocked("10.0.0.0/8", "a private"),
            blocked("100.64.0.0/10", "a shared (carrier-grade NAT)"),
            blocked("127.0.0.0/8", "a loopback"),
            blocked("168.63.129.16/32", "a cloud host's (Azure's wire server)"),
            blocked("169.254.0.0/16", "a link-local (cloud metadata)"),
            blocked("172.16.0.0/12", "a private"),
            blocked("192.0.0.0/24", "an IETF protocol"),
            blocked("192.88.99.0/24", "a 6to4 relay"),
            blocked("192.168.0.0/16", "a private"),
            blocked("198.18.0.0/15", "a benchmarking (network interconnect)"),
            blocked("224.0.0.0/4", "a multicast"),
            blocked("240.0.0.0/4", "a reserved or broadcast"),
            blocked("::/128", "an unspecified"),
            blocked("::1/128", "a loopback"),
            blocked("::/96", "an IPv4-compatible"),
            blocked("64:ff9b:1::/48", "a local-use NAT64"),
            blocked("fc00::/7", "a private (unique local)"),
            blocked("fe80::/10", "a link-local"),
            blocked("fec0::/10", "a site-local"),
            blocked("ff00::/8", "a multicast"));

    private final boolean allowsEverything;
    private final Set<String> allowedHosts;
    private final List<IpRange> allowedRanges;
    private final Resolver resolver;

    private AddressGuard(
            boolean allowsEverything, Set<String> allowedHosts, List<IpRange> allowedRanges, Resolver resolver) {
        this.allowsEverything = allowsEverything;
        this.allowedHosts = allowedHosts;
        this.allowedRanges = allowedRanges;
        this.resolver = resolver;
    }

    private static Blocked blocked(String cidr, String kind) {
        return new Blocked(IpRange.parse(cidr), kind);
    }

    /** A guard that refuses every blocked address. */
    public static AddressGuard strict() {
        return allowing("");
    }

    /**
     * A guard with the exceptions of {@value #ALLOW_SETTING}: a comma-separated list of host names,
     * IP addresses and CIDR ranges, or {@code *} for everything.
     *
     * @throws IllegalArgumentException naming an entry that is neither
     */
    public static AddressGuard allowing(String setting) {
        return allowing(setting, InetAddress::getAllByName);
    }

    public static AddressGuard allowing(String setting, Resolver resolver) {
        boolean everything = false;
        Set<String> hosts = new TreeSet<>();
        List<IpRange> ranges = new ArrayList<>();
        for (String entry : setting == null ? new String[0] : setting.split(",")) {
            String item = entry.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("*")) {
                everything = true;
            } else if (item.contains("/") || IpRange.literalOrNull(item) != null) {
                ranges.add(IpRange.parse(item.replace("[", "").replace("]", "")));
            } else if (item.matches("[a-z0-9._-]+")) {
                hosts.add(hostName(item));
            } else {
                throw new IllegalArgumentException(
                        "'" + entry.trim() + "' is not a host name, an IP address or a CIDR range.");
            }
        }
        return new AddressGuard(everything, Set.copyOf(hosts), List.copyOf(ranges), resolver);
    }

    /**
     * Resolves the URL's host, refuses it when any of its addresses is blocked and not allowed, and
     * answers the address to connect to (the first), so that the name need not be looked up again.
     * A host allowed by name is resolved too, but not checked. Only http and https are let through.
     *
     * @throws NodeFailure {@code forbidden_address} (naming the setting that would allow it), or
     *                     {@code connection} when the host does not resolve
     */
    public InetAddress check(URI url) throws NodeFailure {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new NodeFailure(
                    ErrorType.FORBIDDEN_ADDRESS, "Only http and https URLs can be called, not '" + url + "'.");
        }
        String host = url.getHost();
        if (host == null) {
            throw new NodeFailure(ErrorType.FORBIDDEN_ADDRESS, "The URL '" + url + "' has no host.");
        }
        InetAddress[] addresses = resolve(host);
        if (!allowsEverything && !allowedHosts.contains(hostName(host))) {
            for (InetAddress address : addresses) {
                refuseIfBlocked(host, address);
            }
        }
        return addresses[0];
    }

    private InetAddress[] resolve(String host) throws NodeFailure {
        try {
            InetAddress[] addresses = resolver.resolve(host);
            if (addresses.length == 0) {
                throw new UnknownHostException(host);
            }
            return addresses;
        } catch (UnknownHostException unknown) {
            throw new NodeFailure(ErrorType.CONNECTION, "Could not resolve the host " + host + ".", unknown);
        }
    }

    /** Refuses the address when it, or an IPv4 address it carries to, is blocked and not allowed. */
    private void refuseIfBlocked(String host, InetAddress address) throws NodeFailure {
        refuseIfBlocked(host, address, address, null);
        for (EmbeddedIpv4 embedded : EmbeddedIpv4.in(address)) {
            refuseIfBlocked(host, address, embedded.address(), embedded.how());
        }
    }

    private void refuseIfBlocked(String host, InetAddress address, InetAddress checked, String how) throws NodeFailure {
        if (allowedRanges.stream().anyMatch(range -> range.contains(address) || range.contains(checked))) {
            return;
        }
        for (Blocked blocked : BLOCKED) {
            if (blocked.range().contains(checked)) {
                String ip = address.getHostAddress();
                String named = IpRange.literalOrNull(host) != null ? ip : host + " (" + ip + ")";
                String what = how == null
                        ? "it is " + blocked.kind() + " address"
                        : "it leads " + how + " to " + checked.getHostAddress() + ", " + blocked.kind() + " address";
                throw new NodeFailure(
                        ErrorType.FORBIDDEN_ADDRESS,
                        "Refused to call " + named + ": " + what + ". To allow it, list the host, the address or its"
                                + " range in the server setting " + ALLOW_SETTING + ".",
                        JSON.createObjectBuilder()
                                .add("host", host)
                                .add("address", ip)
                                .add("blocked_range", blocked.range().text())
                                .add("setting", ALLOW_SETTING)
                                .build(),
                        null);
            }
        }
    }

    /** Host names compare without case, brackets or a trailing dot ({@code Example.COM.} is {@code example.com}). */
    private static String hostName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
