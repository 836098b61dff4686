package io.orchestrator.security;

import io.orchestrator.platform.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Wrong tokens per client address per minute. Past the limit, every attempt from that address is
 * refused until the minute ends, a right token included: were a right token let through, a guesser
 * would learn from the difference which guess was right. Tokens are 256 random bits, so guessing is
 * hopeless anyway; the limit keeps a guesser (or a misconfigured client retrying a revoked token)
 * from costing a database look-up per attempt. An IPv6 client is counted by its /64 network, the
 * block one subscriber is given, or a single machine could try from 2^64 addresses.
 */
@ApplicationScoped
public class FailedAuthentications {

    /** Its own windows, apart from the tokens' (a window per address that failed, pruned as minutes pass). */
    private final RateLimiter windows = new RateLimiter();

    @Inject
    OrchestratorConfig config;

    /** The refusal's decision (for Retry-After) when the address has failed too often this minute. */
    public Optional<RateLimiter.Decision> barred(String address, long nowMillis) {
        int limit = config.authFailureLimit();
        if (limit <= 0) {
            return Optional.empty();
        }
        RateLimiter.Decision next = windows.check(clientKey(address), limit, nowMillis);
        return next.allowed() ? Optional.empty() : Optional.of(next);
    }

    public void failed(String address, long nowMillis) {
        int limit = config.authFailureLimit();
        if (limit > 0) {
            windows.acquire(clientKey(address), limit, nowMillis);
        }
    }

    /** The address as counted: an IPv4 address itself, an IPv6 address's /64 network. */
    static String clientKey(String address) {
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
