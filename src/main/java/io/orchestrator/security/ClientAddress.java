package io.orchestrator.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * Who a request from outside counts against, for the limits per caller (wrong tokens, webhook
 * calls): the IPv4 address, or the /64 network of an IPv6 one, since a single host is commonly
 * handed a whole /64 and could otherwise count as 2^64 callers.
 */
public final class ClientAddress {

    private ClientAddress() {}

    /** The address as counted: an IPv4 address itself, an IPv6 address's /64 network. */
    public static String key(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String literal =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.contains(":")) {
            return literal; // IPv4 as the container writes it (a name would cost a DNS look-up to parse)
        }
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            // An IPv6 literal is parsed, never looked up; an IPv4-mapped one comes back as IPv4.
            return parsed instanceof Inet6Address
                    ? HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "::/64"
                    : parsed.getHostAddress();
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return address;
        }
    }
}
