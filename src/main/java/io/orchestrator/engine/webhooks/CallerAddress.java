package io.orchestrator.engine.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * Who a webhook call counts against, for the server's limit per caller: the IPv4 address, or the
 * /64 network of an IPv6 one, since a single host is commonly handed a whole /64 and could
 * otherwise count as 2^64 callers.
 */
final class CallerAddress {

    private CallerAddress() {}

    /** The key of the caller at {@code remoteAddress}, the literal address the server saw. */
    static String key(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        if (!remoteAddress.contains(":")) {
            return remoteAddress;
        }
        try {
            // A literal with a colon is parsed, never looked up in DNS.
            byte[] bytes = InetAddress.getByName(remoteAddress).getAddress();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException notALiteral) {
            return remoteAddress;
        }
    }
}
