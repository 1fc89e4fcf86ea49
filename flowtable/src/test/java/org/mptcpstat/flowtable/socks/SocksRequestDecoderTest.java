package org.mptcpstat.flowtable.socks;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.ADDRESS_TYPE_DOMAIN;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.ADDRESS_TYPE_IPV4;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.ADDRESS_TYPE_IPV6;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.ADDRESS_TYPE_NONE;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.DECODED;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.MALFORMED;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.TRUNCATED;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.UNSUPPORTED_COMMAND;

class SocksRequestDecoderTest
{
    /**
     * ATYP 1, 93.184.216.34, port 443, then "GET / HTTP/1.1\r\n", each byte encrypted in Python with
     * the "foobar" table (see ShadowsocksTableTest): {@code bytes(enc[b] for b in request)}.
     */
    static final int[] FOOBAR_IPV4_443 = { 0x10, 0xF2, 0xFE, 0x36, 0x95, 0x10, 0xAA, 0xEF, 0x76, 0x30, 0x5A, 0xB7,
        0x5A, 0x8B, 0x30, 0x30, 0x9B, 0xB7, 0x5F, 0x86, 0x5F, 0x01, 0x55 };
    /** ATYP 3, length 11, "example.org", port 8080, encrypted in Python with the "mptcp-proxy" table. */
    static final int[] MPTCP_PROXY_DOMAIN_8080 = { 0xB9, 0x34, 0x58, 0x2E, 0xFD, 0xCB, 0x91, 0x4F, 0x58, 0xBF, 0xF3,
        0x02, 0x71, 0xE8, 0x09 };
    /**
     * ATYP 4, 2001:db8::1, port 53, encrypted in Python with the "mptcp-proxy" table. Its first byte
     * is 0x05, the SOCKS5 version: enc[4] = 0x05 for this password.
     */
    static final int[] MPTCP_PROXY_IPV6_53 = { 0x05, 0x65, 0x67, 0xB6, 0x31, 0x86, 0x86, 0x86, 0x86, 0x86, 0x86,
        0x86, 0x86, 0x86, 0x86, 0x86, 0x67, 0x86, 0x74 };

    static final ShadowsocksTable FOOBAR = ShadowsocksTable.fromPassword("foobar");
    static final ShadowsocksTable MPTCP_PROXY = ShadowsocksTable.fromPassword("mptcp-proxy");

    private final SocksRequestDecoder decoder = new SocksRequestDecoder();

    @Test
    void shouldDecodeAnIpv4RequestEncryptedWithTheFoobarTable()
    {
        final UnsafeBuffer buffer = buffer(7, FOOBAR_IPV4_443);

        assertTrue(decoder.decodeShadowsocks(buffer, 7, FOOBAR_IPV4_443.length, FOOBAR));
        assertEquals(DECODED, decoder.outcome());
        assertTrue(decoder.shadowsocks());
        assertEquals(ADDRESS_TYPE_IPV4, decoder.addressType());
        assertEquals(0x5DB8_D822, decoder.ipv4());
        assertEquals(443, decoder.port());
        assertEquals(7, decoder.requestLength(), "application data (the encrypted GET) starts after 7 bytes");
    }

    @Test
    void shouldDecryptAnEncryptedDomainIntoItsOwnCopyAndTheCallersArray()
    {
        final UnsafeBuffer buffer = buffer(3, MPTCP_PROXY_DOMAIN_8080);

        assertTrue(decoder.decodeShadowsocks(buffer, 3, MPTCP_PROXY_DOMAIN_8080.length, MPTCP_PROXY));
        assertEquals(ADDRESS_TYPE_DOMAIN, decoder.addressType());
        assertEquals("example.org", decoder.domainAsString());
        assertEquals(11, decoder.domainLength());
        assertEquals(3 + 2, decoder.domainOffset(), "where the (still encrypted) name lies in the buffer");
        assertEquals('e', decoder.domainByte(0));
        final byte[] destination = new byte[20];
        assertEquals(11, decoder.getDomain(destination, 4));
        assertEquals("example.org", new String(destination, 4, 11, StandardCharsets.US_ASCII));
        assertEquals(8080, decoder.port());
        assertEquals(15, decoder.requestLength());
    }

    @Test
    void shouldDecodeAnEncryptedIpv6RequestAsTwoLongs()
    {
        assertTrue(decoder.decodeShadowsocks(buffer(0, MPTCP_PROXY_IPV6_53), 0, MPTCP_PROXY_IPV6_53.length,
            MPTCP_PROXY));
        assertEquals(ADDRESS_TYPE_IPV6, decoder.addressType());
        assertEquals(0x2001_0DB8_0000_0000L, decoder.ipv6High());
        assertEquals(1L, decoder.ipv6Low());
        assertEquals(53, decoder.port());
        assertEquals(19, decoder.requestLength());
    }

    @Test
    void shouldNotDecodeARequestWithTheWrongPassword()
    {
        assertFalse(decoder.decodeShadowsocks(buffer(0, FOOBAR_IPV4_443), 0, FOOBAR_IPV4_443.length, MPTCP_PROXY));
        assertEquals(ADDRESS_TYPE_NONE, decoder.addressType());
    }

    @Test
    void shouldDecodePlainSocks5ConnectRequestsOfAllThreeAddressTypes()
    {
        final int[] ipv4 = { 0x05, 0x01, 0x00, 0x01, 192, 0, 2, 1, 0x01, 0xBB };
        assertTrue(decoder.decodeSocks5(buffer(5, ipv4), 5, ipv4.length));
        assertFalse(decoder.shadowsocks());
        assertEquals(ADDRESS_TYPE_IPV4, decoder.addressType());
        assertEquals(0xC000_0201, decoder.ipv4());
        assertEquals(443, decoder.port());
        assertEquals(10, decoder.requestLength());

        final int[] ipv6 = { 0x05, 0x01, 0x00, 0x04, 0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0xFE, 0xDC, 0xBA, 0x98, 0xFF, 0xFF };
        assertTrue(decoder.decodeSocks5(buffer(0, ipv6), 0, ipv6.length));
        assertEquals(ADDRESS_TYPE_IPV6, decoder.addressType());
        assertEquals(0x2001_0DB8_0000_0000L, decoder.ipv6High());
        assertEquals(0xFEDC_BA98L, decoder.ipv6Low());
        assertEquals(65535, decoder.port());
        assertEquals(22, decoder.requestLength());
        assertEquals(0, decoder.ipv4(), "fields of the previous decode are cleared");

        final int[] domain = concat(new int[] { 0x05, 0x01, 0x00, 0x03, 14 }, ascii("mail.Example_1"), new int[] {
            0x00, 0x19 });
        assertTrue(decoder.decodeSocks5(buffer(2, domain), 2, domain.length));
        assertEquals(ADDRESS_TYPE_DOMAIN, decoder.addressType());
        assertEquals("mail.Example_1", decoder.domainAsString());
        assertEquals(2 + 5, decoder.domainOffset(), "plain names can be read in place");
        assertEquals(25, decoder.port());
        assertEquals(5 + 14 + 2, decoder.requestLength());
        assertEquals(0L, decoder.ipv6High());
    }

    @Test
    void shouldDecodeTheLongestDomainName()
    {
        final int[] name = new int[255];
        Arrays.fill(name, 'a');
        final int[] request = concat(new int[] { 0x05, 0x01, 0x00, 0x03, 255 }, name, new int[] { 0x00, 0x50 });
        assertEquals(SocksRequestDecoder.MAX_SOCKS5_REQUEST_LENGTH, request.length);

        assertTrue(decoder.decodeSocks5(buffer(0, request), 0, request.length));
        assertEquals(255, decoder.domainLength());
        assertEquals("a".repeat(255), decoder.domainAsString());
        assertEquals(80, decoder.port());
    }

    @Test
    void shouldCallEveryProperPrefixOfARequestTruncated()
    {
        final int[] plain = concat(new int[] { 0x05, 0x01, 0x00, 0x03, 11 }, ascii("example.org"), new int[] { 0x1F,
            0x90 });
        final UnsafeBuffer plainBuffer = buffer(0, plain);
        for (int length = 0; length < plain.length; length++)
        {
            assertFalse(decoder.decodeSocks5(plainBuffer, 0, length));
            assertEquals(TRUNCATED, decoder.outcome(), "plain prefix of " + length);
            assertEquals(ADDRESS_TYPE_NONE, decoder.addressType());
        }
        for (final int[] encrypted : new int[][] { MPTCP_PROXY_DOMAIN_8080, MPTCP_PROXY_IPV6_53 })
        {
            final UnsafeBuffer buffer = buffer(0, encrypted);
            for (int length = 0; length < encrypted.length; length++)
            {
                assertFalse(decoder.decodeShadowsocks(buffer, 0, length, MPTCP_PROXY));
                assertEquals(TRUNCATED, decoder.outcome(), "encrypted prefix of " + length);
            }
        }
    }

    @Test
    void shouldNotReadPastTheGivenLength()
    {
        // A complete request sits in the buffer, but the caller says only 9 bytes are valid.
        final int[] ipv4 = { 0x05, 0x01, 0x00, 0x01, 192, 0, 2, 1, 0x01, 0xBB };
        assertFalse(decoder.decodeSocks5(buffer(0, ipv4), 0, 9));
        assertEquals(TRUNCATED, decoder.outcome());
    }

    @Test
    void shouldCallBindAndUdpAssociateUnsupportedCommands()
    {
        for (final int command : new int[] { SocksRequestDecoder.COMMAND_BIND,
            SocksRequestDecoder.COMMAND_UDP_ASSOCIATE })
        {
            final int[] request = { 0x05, command, 0x00, 0x01, 192, 0, 2, 1, 0x01, 0xBB };
            assertFalse(decoder.decodeSocks5(buffer(0, request), 0, request.length));
            assertEquals(UNSUPPORTED_COMMAND, decoder.outcome());
            assertEquals(ADDRESS_TYPE_NONE, decoder.addressType());
        }
    }

    @Test
    void shouldRefuseRequestsNoClientSendsForAConnection()
    {
        final int[][] malformed = {
            { 0x04, 0x01, 0x00, 0x01, 192, 0, 2, 1, 0x01, 0xBB },      // SOCKS4 version
            { 0x05, 0x04, 0x00, 0x01, 192, 0, 2, 1, 0x01, 0xBB },      // no command 4
            { 0x05, 0x01, 0x01, 0x01, 192, 0, 2, 1, 0x01, 0xBB },      // reserved byte not zero
            { 0x05, 0x01, 0x00, 0x02, 192, 0, 2, 1, 0x01, 0xBB },      // no address type 2
            { 0x05, 0x01, 0x00, 0x11, 192, 0, 2, 1, 0x01, 0xBB },      // one-time-auth flag
            { 0x05, 0x01, 0x00, 0x01, 192, 0, 2, 1, 0x00, 0x00 },      // port 0
            { 0x05, 0x01, 0x00, 0x01, 0, 0, 0, 0, 0x01, 0xBB },        // 0.0.0.0
            { 0x05, 0x01, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xBB }, // ::
            { 0x05, 0x01, 0x00, 0x03, 0, 0x01, 0xBB },                 // empty name
            { 0x05, 0x01, 0x00, 0x03, 3, 'a', ' ', 'b', 0x01, 0xBB },  // space in the name
            { 0x05, 0x01, 0x00, 0x03, 40, 'a', 0x00 },                 // NUL in a name cut short: malformed wins
        };
        for (final int[] request : malformed)
        {
            assertFalse(decoder.decodeSocks5(buffer(0, request), 0, request.length));
            assertEquals(MALFORMED, decoder.outcome(), Arrays.toString(request));
            assertEquals(ADDRESS_TYPE_NONE, decoder.addressType());
            assertEquals(0, decoder.port());
        }
    }

    @Test
    void shouldSurviveRandomGarbageWithoutThrowing()
    {
        final Random random = new Random(20240611L);
        final byte[] bytes = new byte[300];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int decoded = 0;
        for (int round = 0; round < 20_000; round++)
        {
            random.nextBytes(bytes);
            final int length = random.nextInt(bytes.length + 1);
            final int offset = random.nextInt(bytes.length - length + 1);
            if (decoder.decodeSocks5(buffer, offset, length))
            {
                decoded++;
            }
            assertTrue(decoder.requestLength() <= length);
            if (decoder.decodeShadowsocks(buffer, offset, length, FOOBAR))
            {
                assertTrue(decoder.requestLength() <= length);
                assertTrue(decoder.port() != 0);
            }
        }
        assertEquals(0, decoded, "random bytes start with 05 01 00 1 time in 16 million");
    }

    @Test
    void shouldRoundTripRequestsEncryptedWithTheTableInJava()
    {
        final int[] plain = concat(new int[] { 0x03, 9 }, ascii("host.test"), new int[] { 0x00, 0x16 });
        final int[] encrypted = new int[plain.length];
        for (int i = 0; i < plain.length; i++)
        {
            encrypted[i] = FOOBAR.encrypt(plain[i]);
        }
        assertTrue(decoder.decodeShadowsocks(buffer(0, encrypted), 0, encrypted.length, FOOBAR));
        assertEquals("host.test", decoder.domainAsString());
        assertEquals(22, decoder.port());
        final byte[] copy = new byte[9];
        decoder.getDomain(copy, 0);
        assertArrayEquals("host.test".getBytes(StandardCharsets.US_ASCII), copy);
    }

    static UnsafeBuffer buffer(final int offset, final int... values)
    {
        final byte[] bytes = new byte[offset + values.length + 8];
        Arrays.fill(bytes, (byte)0x5A);
        for (int i = 0; i < values.length; i++)
        {
            bytes[offset + i] = (byte)values[i];
        }
        return new UnsafeBuffer(bytes);
    }

    static int[] ascii(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }

    static int[] concat(final int[]... parts)
    {
        int length = 0;
        for (final int[] part : parts)
        {
            length += part.length;
        }
        final int[] all = new int[length];
        int at = 0;
        for (final int[] part : parts)
        {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
