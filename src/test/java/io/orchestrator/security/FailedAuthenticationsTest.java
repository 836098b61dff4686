package io.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailedAuthenticationsTest {

    @Test
    void anIpv4AddressIsCountedByItself() {
        assertEquals("203.0.113.7", ClientAddress.key("203.0.113.7"));
    }

    @Test
    void anIpv6AddressIsCountedByItsSlash64() {
        String key = ClientAddress.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertEquals("20010db800010002::/64", key);
        assertEquals(key, ClientAddress.key("2001:db8:1:2::1"), "the same network");
        assertEquals(key, ClientAddress.key("[2001:db8:1:2::ffff]"), "with brackets");
        assertEquals("20010db800010003::/64", ClientAddress.key("2001:db8:1:3::1"));
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Address() {
        assertEquals("198.51.100.1", ClientAddress.key("::ffff:198.51.100.1"));
    }

    @Test
    void whatIsNoAddressIsCountedAsItIsWithoutALookUp() {
        assertEquals("not:an:address", ClientAddress.key("not:an:address"));
        assertEquals("localhost", ClientAddress.key("localhost"));
    }
}
