package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mptcpstat.parser.mptcp.AddAddrOption.VERSION_0;
import static org.mptcpstat.parser.mptcp.AddAddrOption.VERSION_1;
import static org.mptcpstat.parser.mptcp.AddAddrOption.VERSION_UNKNOWN;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddAddrOptionTest
{
    // 2001:db8::1:2 split into the two big-endian halves the flyweight returns.
    private static final long V6_HIGH = 0x20010db800000000L;
    private static final long V6_LOW = 0x0000000000010002L;

    private final AddAddrOption option = new AddAddrOption();

    @ParameterizedTest
    @ValueSource(ints = {VERSION_0, VERSION_UNKNOWN})
    void shouldReadV0Ipv4AddressFromRealCapture(final int version)
    {
        // public-v0/client_2.pcap frame 7. tshark 4.0: Add Address, IP version: 4, Address ID: 3,
        // Advertised IPv4 Address: 11.0.0.1.
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x08,                   // length 8
            0x34,                   // subtype 3 (ADD_ADDR) | IPVer 4
            0x03,                   // address ID 3
            0x0b, 0x00, 0x00, 0x01); // 11.0.0.1

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(VERSION_0, option.mptcpVersion());
        assertEquals(version == VERSION_UNKNOWN, option.isVersionInferred());
        assertEquals(4, option.ipVersion());
        assertEquals(3, option.addressId());
        assertEquals(0x0b000001, option.ipv4Address());
        assertFalse(option.hasPort());
        assertFalse(option.hasHmac());
        assertFalse(option.isEcho());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_0, VERSION_UNKNOWN})
    void shouldReadV0Ipv4AddressWithPort(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0a,                   // length 10
            0x34,                   // subtype 3 | IPVer 4
            0x07,                   // address ID 7
            0xc0, 0xa8, 0x00, 0x02, // 192.168.0.2
            0xc3, 0x50);            // port 50000

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(VERSION_0, option.mptcpVersion());
        assertEquals(4, option.ipVersion());
        assertEquals(7, option.addressId());
        assertEquals(0xc0a80002, option.ipv4Address());
        assertTrue(option.hasPort());
        assertEquals(50000, option.port());
        assertFalse(option.hasHmac());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_0, VERSION_UNKNOWN})
    void shouldReadV0Ipv6Address(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x14,                   // length 20
            0x36,                   // subtype 3 | IPVer 6
            0x02,                   // address ID 2
            0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,     // 2001:db8:0:0:
            0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02);    // 0:0:1:2

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(VERSION_0, option.mptcpVersion());
        assertEquals(6, option.ipVersion());
        assertEquals(2, option.addressId());
        assertEquals(V6_HIGH, option.ipv6AddressHigh());
        assertEquals(V6_LOW, option.ipv6AddressLow());
        assertFalse(option.hasPort());
        assertFalse(option.hasHmac());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_0, VERSION_UNKNOWN})
    void shouldReadV0Ipv6AddressWithPort(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x16,                   // length 22
            0x36,                   // subtype 3 | IPVer 6
            0x02,                   // address ID 2
            0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,     // 2001:db8:0:0:
            0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02,     // 0:0:1:2
            0x01, 0xbb);            // port 443

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(6, option.ipVersion());
        assertEquals(V6_LOW, option.ipv6AddressLow());
        assertTrue(option.hasPort());
        assertEquals(443, option.port());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_1, VERSION_UNKNOWN})
    void shouldReadV1Ipv4Echo(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x08,                   // length 8
            0x31,                   // subtype 3 | E=1
            0x01,                   // address ID 1
            0x0a, 0x00, 0x00, 0x02); // 10.0.0.2

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(VERSION_1, option.mptcpVersion());
        assertEquals(4, option.ipVersion());
        assertTrue(option.isEcho());
        assertEquals(0x0a000002, option.ipv4Address());
        assertFalse(option.hasPort());
        assertFalse(option.hasHmac());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_1, VERSION_UNKNOWN})
    void shouldReadV1Ipv4EchoWithPort(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0a,                   // length 10
            0x31,                   // subtype 3 | E=1
            0x01,                   // address ID 1
            0x0a, 0x00, 0x00, 0x02, // 10.0.0.2
            0x1f, 0x90);            // port 8080

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertTrue(option.isEcho());
        assertTrue(option.hasPort());
        assertEquals(8080, option.port());
        assertFalse(option.hasHmac());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_1, VERSION_UNKNOWN})
    void shouldReadV1Ipv4WithTruncatedHmac(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x10,                   // length 16
            0x30,                   // subtype 3 | E=0
            0x05,                   // address ID 5
            0xac, 0x10, 0x00, 0x09, // 172.16.0.9
            0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98); // truncated HMAC

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(VERSION_1, option.mptcpVersion());
        assertEquals(4, option.ipVersion());
        assertFalse(option.isEcho());
        assertEquals(5, option.addressId());
        assertEquals(0xac100009, option.ipv4Address());
        assertFalse(option.hasPort());
        assertTrue(option.hasHmac());
        assertEquals(0x9192939495969798L, option.truncatedHmac());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_1, VERSION_UNKNOWN})
    void shouldReadV1Ipv4WithPortAndTruncatedHmac(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x12,                   // length 18
            0x30,                   // subtype 3 | E=0
            0x05,                   // address ID 5
            0xac, 0x10, 0x00, 0x09, // 172.16.0.9
            0x00, 0x50,             // port 80
            0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98); // truncated HMAC

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(4, option.ipVersion());
        assertTrue(option.hasPort());
        assertEquals(80, option.port());
        assertTrue(option.hasHmac());
        assertEquals(0x9192939495969798L, option.truncatedHmac());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_1, VERSION_UNKNOWN})
    void shouldReadV1Ipv6Echo(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x14,                   // length 20
            0x31,                   // subtype 3 | E=1
            0x09,                   // address ID 9
            0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,     // 2001:db8:0:0:
            0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02);    // 0:0:1:2

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(VERSION_1, option.mptcpVersion());
        assertEquals(6, option.ipVersion());
        assertTrue(option.isEcho());
        assertEquals(V6_HIGH, option.ipv6AddressHigh());
        assertEquals(V6_LOW, option.ipv6AddressLow());
        assertFalse(option.hasPort());
        assertFalse(option.hasHmac());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_1, VERSION_UNKNOWN})
    void shouldReadV1Ipv6EchoWithPort(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x16,                   // length 22
            0x31,                   // subtype 3 | E=1
            0x09,                   // address ID 9
            0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,     // 2001:db8:0:0:
            0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02,     // 0:0:1:2
            0xff, 0xff);            // port 65535

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(6, option.ipVersion());
        assertTrue(option.isEcho());
        assertTrue(option.hasPort());
        assertEquals(65535, option.port());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_1, VERSION_UNKNOWN})
    void shouldReadV1Ipv6WithTruncatedHmac(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x1c,                   // length 28
            0x30,                   // subtype 3 | E=0
            0x09,                   // address ID 9
            0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,     // 2001:db8:0:0:
            0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02,     // 0:0:1:2
            0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18);    // truncated HMAC

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(6, option.ipVersion());
        assertFalse(option.isEcho());
        assertEquals(V6_HIGH, option.ipv6AddressHigh());
        assertEquals(V6_LOW, option.ipv6AddressLow());
        assertFalse(option.hasPort());
        assertTrue(option.hasHmac());
        assertEquals(0x1112131415161718L, option.truncatedHmac());
    }

    @ParameterizedTest
    @ValueSource(ints = {VERSION_1, VERSION_UNKNOWN})
    void shouldReadV1Ipv6WithPortAndTruncatedHmac(final int version)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x1e,                   // length 30
            0x30,                   // subtype 3 | E=0
            0x09,                   // address ID 9
            0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,     // 2001:db8:0:0:
            0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02,     // 0:0:1:2
            0x30, 0x39,             // port 12345
            0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18);    // truncated HMAC

        option.wrap(o.tightBuffer(), o.offset, o.length, version);

        assertTrue(option.isValid());
        assertEquals(6, option.ipVersion());
        assertTrue(option.hasPort());
        assertEquals(12345, option.port());
        assertTrue(option.hasHmac());
        assertEquals(0x1112131415161718L, option.truncatedHmac());
    }

    @Test
    void shouldCopyAddressIntoCallerOwnedStorage()
    {
        final OptionBytes v6 = OptionBytes.option(
            0x1e, 0x14,             // kind 30, length 20
            0x36, 0x02,             // subtype 3 | IPVer 6, address ID 2
            0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02);    // 2001:db8::1:2
        option.wrap(v6.buffer, v6.offset, v6.length, VERSION_0);

        final byte[] dst = new byte[18];
        assertEquals(16, option.addressLength());
        assertEquals(16, option.getAddress(dst, 1));
        assertArrayEquals(
            new byte[] {0, 0x20, 0x01, 0x0d, (byte)0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0x02, 0}, dst);

        final OptionBytes v4 = OptionBytes.option(0x1e, 0x08, 0x34, 0x03, 0x0b, 0x00, 0x00, 0x01);
        option.wrap(v4.buffer, v4.offset, v4.length, VERSION_0);

        final UnsafeBuffer dstBuffer = new UnsafeBuffer(new byte[6]);
        assertEquals(4, option.getAddress(dstBuffer, 2));
        assertEquals(0x0b000001, dstBuffer.getInt(2, java.nio.ByteOrder.BIG_ENDIAN));
        assertEquals(0, dstBuffer.getShort(0));
    }

    @Test
    void shouldRejectV0LayoutWhenConnectionIsKnownToBeV1()
    {
        // IPVer 4 read as v1 means E=0, which needs an HMAC: length 8 is too short for that.
        final OptionBytes o = OptionBytes.option(0x1e, 0x08, 0x34, 0x03, 0x0b, 0x00, 0x00, 0x01);

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length, VERSION_1).isValid());
    }

    @Test
    void shouldRejectV1EchoWhenConnectionIsKnownToBeV0()
    {
        // Low nibble 1 is no IPVer v0 defines.
        final OptionBytes o = OptionBytes.option(0x1e, 0x08, 0x31, 0x01, 0x0a, 0x00, 0x00, 0x02);

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length, VERSION_0).isValid());
    }

    @Test
    void shouldReadIpVer4WithHmacLengthAsV1WhenVersionIsUnknown()
    {
        // The documented ambiguity: v1 reserved bit 0x4 set, E=0, IPv4 + HMAC. No v0 ADD_ADDR is 16 bytes
        // long, so the inference picks v1; a caller that knows the connection is v0 rejects it.
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x10,                   // length 16
            0x34,                   // subtype 3 | reserved 0x4, E=0
            0x05,                   // address ID 5
            0xac, 0x10, 0x00, 0x09, // 172.16.0.9
            0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98); // truncated HMAC

        option.wrap(o.buffer, o.offset, o.length, VERSION_UNKNOWN);
        assertTrue(option.isValid());
        assertEquals(VERSION_1, option.mptcpVersion());
        assertTrue(option.isVersionInferred());
        assertTrue(option.hasHmac());

        assertFalse(option.wrap(o.buffer, o.offset, o.length, VERSION_0).isValid());
    }

    @Test
    void shouldTreatUndefinedVersionArgumentAsUnknown()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x08, 0x34, 0x03, 0x0b, 0x00, 0x00, 0x01);

        option.wrap(o.buffer, o.offset, o.length, 7);

        assertTrue(option.isValid());
        assertTrue(option.isVersionInferred());
        assertEquals(VERSION_0, option.mptcpVersion());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7, 9, 11, 12, 15, 17, 19, 21, 23, 24, 27, 29, 31, 40})
    void shouldRejectLengthsNoVersionAllowsForIpv4Nibble(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x34, 0x01));

        for (final int version : new int[] {VERSION_0, VERSION_1, VERSION_UNKNOWN})
        {
            assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length, version).isValid(),
                "version " + version);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 16, 18, 28, 30})
    void shouldRejectV0LengthsThatDoNotMatchIpv6(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x36, 0x01));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length, VERSION_0).isValid());
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 18, 28, 30})
    void shouldRejectV1EchoWithHmacLength(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x31, 0x01));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length, VERSION_1).isValid());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 10, 20, 22})
    void shouldRejectV1WithoutEchoAndWithoutHmac(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x30, 0x01));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length, VERSION_1).isValid());
        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length, VERSION_UNKNOWN).isValid());
    }

    @Test
    void shouldRejectOptionOfAnotherSubtype()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x08, 0x24, 0x01, 0, 0, 0, 0);   // subtype 2

        assertFalse(option.wrap(o.buffer, o.offset, o.length, VERSION_0).isValid());
    }

    @Test
    void shouldAssertWhenIpv4AddressIsReadFromIpv6Option()
    {
        assumeTrue(OptionBytes.assertionsEnabledFor(AddAddrOption.class));
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(20, 0x1e, 20, 0x36, 0x01));

        option.wrap(o.buffer, o.offset, o.length, VERSION_0);

        assertThrows(AssertionError.class, option::ipv4Address);
    }
}
