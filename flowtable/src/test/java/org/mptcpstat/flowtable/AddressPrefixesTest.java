package org.mptcpstat.flowtable;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressPrefixesTest
{
    @Test
    void shouldMatchIpv4AndIpv6Prefixes()
    {
        final AddressPrefixes prefixes = AddressPrefixes.parse(List.of("10.8.0.0/16", "192.0.2.7", "2001:db8::/32",
            "::ffff:203.0.113.0/120"));
        assertTrue(prefixes.contains(4, 0, 0x0A08_FFFFL));
        assertFalse(prefixes.contains(4, 0, 0x0A09_0000L));
        assertTrue(prefixes.contains(4, 0, 0xC000_0207L));
        assertFalse(prefixes.contains(4, 0, 0xC000_0208L));
        assertTrue(prefixes.contains(6, 0x2001_0db8_1234_0000L, 5));
        assertFalse(prefixes.contains(6, 0x2001_0db9_0000_0000L, 5));
        assertTrue(prefixes.contains(6, 0, 0x0000_FFFF_CB00_71FFL));
        assertFalse(prefixes.contains(6, 0x0A08_0000L, 0), "an IPv4 prefix never matches IPv6");
    }

    @Test
    void shouldRejectMalformedPrefixesWithTheirText()
    {
        for (final String bad : new String[] { "10.0.0/8", "10.0.0.256", "10.0.0.0/33", "2001:db8:::1", "proxy.example",
            "1:2:3:4:5:6:7:8:9", "2001:db8::/129", "10.0.0.0/x" })
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> AddressPrefixes.parse(List.of(bad)), bad);
            assertTrue(ex.getMessage().contains(bad), ex.getMessage());
        }
        assertEquals(true, AddressPrefixes.parse(List.of()).isEmpty());
    }
}
