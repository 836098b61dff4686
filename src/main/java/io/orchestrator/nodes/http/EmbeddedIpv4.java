package io.orchestrator.nodes.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address carries to, through a translation or tunnel that a network may
 * route: NAT64's well-known prefix {@code 64:ff9b::/96} (RFC 6052: the last 32 bits), 6to4's
 * {@code 2002::/16} (RFC 3056: the 32 bits after the prefix) and Teredo's {@code 2001::/32}
 * (RFC 4380: the server's address after the prefix, the client's inverted in the last 32 bits).
 * Where such a gateway exists, {@code 64:ff9b::7f00:1} is {@code 127.0.0.1}, so the guard checks
 * what is inside as well as the outside.
 */
record EmbeddedIpv4(Inet4Address address, String how) {

    static List<EmbeddedIpv4> in(InetAddress address) {
        List<EmbeddedIpv4> embedded = new ArrayList<>();
        if (!(address instanceof Inet6Address)) {
            return embedded;
        }
        byte[] bytes = address.getAddress();
        if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            embedded.add(new EmbeddedIpv4(ipv4(bytes, 12, false), "through NAT64"));
        } else if (startsWith(bytes, 0x20, 0x02)) {
            embedded.add(new EmbeddedIpv4(ipv4(bytes, 2, false), "through 6to4"));
        } else if (startsWith(bytes, 0x20, 0x01, 0x00, 0x00)) {
            embedded.add(new EmbeddedIpv4(ipv4(bytes, 4, false), "as its Teredo server"));
            embedded.add(new EmbeddedIpv4(ipv4(bytes, 12, true), "as its Teredo client"));
        }
        return embedded;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address ipv4(byte[] bytes, int from, boolean inverted) {
        byte[] four = new byte[4];
        for (int i = 0; i < 4; i++) {
            four[i] = (byte) (inverted ? ~bytes[from + i] : bytes[from + i]);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes are an IPv4 address", impossible);
        }
    }
}
