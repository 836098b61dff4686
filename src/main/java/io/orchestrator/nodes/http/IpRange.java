package io.orchestrator.nodes.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); one address is a full-length block. */
record IpRange(byte[] network, int prefixLength, String text) {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Parses {@code address} or {@code address/prefix}; IPv6 may be bracketed. Never looks anything up in DNS. */
    static IpRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException notANumber) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits + ".");
            }
        }
        return new IpRange(address.getAddress(), prefix, text);
    }

    /** An IP address written literally, or null for anything else (a host name). */
    static InetAddress literalOrNull(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        // getByName only skips DNS for literals it recognises: test the shape first so that a
        // host name is never looked up here.
        if (!IPV4_LITERAL.matcher(bare).matches() && !bare.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    private static InetAddress literal(String text) {
        InetAddress address = literalOrNull(text);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address.");
        }
        return address;
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - restBits) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
