package io.orchestrator.nodes.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    /** DNS replaced by a table, so that no test depends on the network. */
    private static final Map<String, String[]> NAMES = Map.of(
            "public.example", new String[] {"93.184.215.14"},
            "internal.example", new String[] {"10.0.0.5"},
            "rebinding.example", new String[] {"93.184.215.14", "169.254.169.254"});

    private static AddressGuard guard(String allow) {
        return AddressGuard.allowing(allow, host -> {
            // As DNS does: names compare without case, and a trailing dot is the root.
            String[] addresses =
                    NAMES.get(host.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", ""));
            if (addresses == null) {
                return InetAddress.getAllByName(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByAddress(
                        host, InetAddress.getByName(addresses[i]).getAddress());
            }
            return resolved;
        });
    }

    private static NodeFailure refused(AddressGuard guard, String url) {
        return assertThrows(NodeFailure.class, () -> guard.check(URI.create(url)), url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.254",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "[::1]",
                "[::]",
                "[fd00::1]",
                "[fc00::1]",
                "[fe80::1]",
                "[ff02::1]",
                "[::ffff:127.0.0.1]",
                "[::ffff:a9fe:a9fe]",
                "168.63.129.16",
                "192.0.0.1",
                "192.0.0.170",
                "198.18.0.1",
                "198.19.255.255",
                "192.88.99.1",
                "[64:ff9b:1::a00:1]"
            })
    void refusesLoopbackPrivateLinkLocalUnspecifiedMulticastAndSharedAddresses(String host) {
        NodeFailure failure = refused(AddressGuard.strict(), "http://" + host + ":8080/path");
        assertEquals(ErrorType.FORBIDDEN_ADDRESS, failure.errorType());
        assertTrue(failure.getMessage().contains("ORCHESTRATOR_HTTP_ALLOW"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[64:ff9b::7f00:1]",
                "[64:ff9b::a9fe:a9fe]",
                "[64:ff9b::10.1.2.3]",
                "[2002:7f00:1::1]",
                "[2002:a9fe:a9fe:1::5]",
                "[2002:c0a8:101::]",
                "[2001:0:a9fe:a9fe::1]",
                "[2001:0:4136:e378:8000:63bf:80ff:fffe]",
                "[2001:0:4136:e378:8000:63bf:f5ff:fffa]"
            })
    void refusesIpv6AddressesThatLeadToARefusedIpv4OneThroughNat64SixToFourOrTeredo(String host) {
        NodeFailure failure = refused(AddressGuard.strict(), "http://" + host + "/");
        assertEquals(ErrorType.FORBIDDEN_ADDRESS, failure.errorType(), host);
        assertTrue(failure.getMessage().contains(": it leads "), failure.getMessage());
    }

    @Test
    void saysWhereAnIpv6AddressLeads() {
        assertEquals(
                "Refused to call 64:ff9b:0:0:0:0:7f00:1: it leads through NAT64 to 127.0.0.1, a loopback address. To"
                        + " allow it, list the host, the address or its range in the server setting"
                        + " ORCHESTRATOR_HTTP_ALLOW.",
                refused(AddressGuard.strict(), "http://[64:ff9b::7f00:1]/").getMessage());
        assertTrue(refused(AddressGuard.strict(), "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/")
                .getMessage()
                .contains("it leads as its Teredo client to 127.0.0.1"));
        assertAllows(guard("127.0.0.0/8"), "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::1]/");
        assertAllows(guard("64:ff9b::/96"), "http://[64:ff9b::7f00:1]/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "93.184.215.14",
                "172.32.0.1",
                "100.128.0.1",
                "[2606:4700::1111]",
                "168.63.129.17",
                "192.0.1.1",
                "198.20.0.1",
                "192.88.100.1",
                "[64:ff9b::808:808]",
                "[2002:808:808::1]",
                "[2001:0:4136:e378:8000:63bf:3fff:fdd2]"
            })
    void letsPublicAddressesThrough(String host) {
        assertAllows(AddressGuard.strict(), "https://" + host + "/");
    }

    @Test
    void saysWhatKindOfAddressItRefusedAndWhereTheNameLed() {
        NodeFailure failure = refused(guard(""), "http://internal.example/admin");
        assertEquals(
                "Refused to call internal.example (10.0.0.5): it is a private address. To allow it, list the host,"
                        + " the address or its range in the server setting ORCHESTRATOR_HTTP_ALLOW.",
                failure.getMessage());
        assertEquals("10.0.0.0/8", failure.details().getString("blocked_range"));
        assertEquals("10.0.0.5", failure.details().getString("address"));
        assertTrue(refused(guard(""), "http://169.254.169.254/latest/meta-data/")
                .getMessage()
                .startsWith("Refused to call 169.254.169.254: it is a link-local (cloud metadata) address."));
    }

    @Test
    void refusesLocalhostByName() {
        assertRefuses(AddressGuard.strict(), "http://localhost:7878/");
    }

    @Test
    void refusesANameWhenAnyOfItsAddressesIsBlocked() {
        NodeFailure failure = refused(guard(""), "http://rebinding.example/");
        assertEquals("169.254.169.254", failure.details().getString("address"));
        assertAllows(guard(""), "http://public.example/");
    }

    private static void assertAllows(AddressGuard guard, String... urls) {
        for (String url : urls) {
            assertDoesNotThrow(() -> guard.check(URI.create(url)), url);
        }
    }

    private static void assertRefuses(AddressGuard guard, String... urls) {
        for (String url : urls) {
            assertEquals(ErrorType.FORBIDDEN_ADDRESS, refused(guard, url).errorType(), url);
        }
    }

    @Test
    void allowsListedAddresses() {
        AddressGuard guard = guard("127.0.0.1, ::1");
        assertAllows(guard, "http://127.0.0.1:9000/", "http://[::1]:9000/");
        assertRefuses(guard, "http://127.0.0.2/", "http://10.0.0.1/");
    }

    @Test
    void allowsRangesInCidrNotation() {
        AddressGuard guard = guard("10.0.0.0/8,fd00::/8, 192.168.4.0/22");
        assertAllows(
                guard, "http://10.200.3.4/", "http://internal.example/", "http://[fd12::5]/", "http://192.168.7.255/");
        assertRefuses(guard, "http://192.168.8.0/", "http://[fc00::1]/", "http://127.0.0.1/");
    }

    @Test
    void allowsListedHostNamesWhateverTheyResolveTo() {
        AddressGuard guard = guard("Internal.Example");
        assertAllows(guard, "http://internal.example/", "http://INTERNAL.example./");
        assertRefuses(guard, "http://10.0.0.5/");
    }

    @Test
    void aStarAllowsEverything() {
        assertAllows(guard("*"), "http://127.0.0.1/", "http://169.254.169.254/");
    }

    @Test
    void refusesAnAllowListEntryItCannotRead() {
        IllegalArgumentException problem =
                assertThrows(IllegalArgumentException.class, () -> AddressGuard.allowing("10.0.0.0/33"));
        assertEquals("'10.0.0.0/33' has a prefix length outside 0-32.", problem.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AddressGuard.allowing("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> AddressGuard.allowing("*.example.com"));
        assertThrows(IllegalArgumentException.class, () -> AddressGuard.allowing("example.com/8"));
    }

    @Test
    void refusesOtherSchemesEvenWhenEverythingIsAllowed() {
        assertRefuses(guard("*"), "file:///etc/passwd", "ftp://public.example/");
    }

    @Test
    void aHostThatDoesNotResolveIsAConnectionFailure() {
        AddressGuard guard = AddressGuard.allowing("", host -> {
            throw new UnknownHostException(host);
        });
        NodeFailure failure = refused(guard, "http://nowhere.invalid/");
        assertEquals(ErrorType.CONNECTION, failure.errorType());
        assertEquals("Could not resolve the host nowhere.invalid.", failure.getMessage());
    }
}
