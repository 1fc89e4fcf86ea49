package org.mptcpstat.flowtable.socks;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.ADDRESS_TYPE_DOMAIN;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.ADDRESS_TYPE_IPV4;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoder.ADDRESS_TYPE_IPV6;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.FOOBAR;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.FOOBAR_IPV4_443;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.MPTCP_PROXY;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.MPTCP_PROXY_DOMAIN_8080;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.MPTCP_PROXY_IPV6_53;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.ascii;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.concat;
import static org.mptcpstat.flowtable.socks.SocksSniffer.FOUND;
import static org.mptcpstat.flowtable.socks.SocksSniffer.INITIAL_STATE;
import static org.mptcpstat.flowtable.socks.SocksSniffer.NOT_SOCKS;
import static org.mptcpstat.flowtable.socks.SocksSniffer.PENDING;
import static org.mptcpstat.flowtable.socks.SocksSniffer.TRUNCATED;
import static org.mptcpstat.flowtable.socks.SocksSniffer.UNSUPPORTED;

class SocksSnifferTest
{
    static final int[] GREETING = { 0x05, 0x01, 0x00 };
    /** CONNECT 198.51.100.7:8443. */
    static final int[] REQUEST_IPV4 = { 0x05, 0x01, 0x00, 0x01, 198, 51, 100, 7, 0x20, 0xFB };

    private final SocksSniffer plain = new SocksSniffer(null);

    @Test
    void shouldFindThePlainDestinationWhenGreetingAndRequestArriveInTwoPayloads()
    {
        long state = feed(plain, INITIAL_STATE, 0, GREETING);
        assertEquals(PENDING, SocksSniffer.status(state));
        assertFalse(SocksSniffer.isDone(state));
        assertEquals(3, SocksSniffer.bytesConsumed(state));

        state = feed(plain, state, 3, REQUEST_IPV4);
        assertEquals(FOUND, SocksSniffer.status(state));
        assertTrue(SocksSniffer.isDone(state));
        assertFalse(SocksSniffer.isShadowsocks(state));
        assertEquals(13, SocksSniffer.bytesConsumed(state));
        assertEquals(ADDRESS_TYPE_IPV4, plain.request().addressType());
        assertEquals(0xC633_6407, plain.request().ipv4());
        assertEquals(8443, plain.request().port());
    }

    @Test
    void shouldFindTheDestinationWhenGreetingAndRequestShareOnePayload()
    {
        final int[] request = concat(new int[] { 0x05, 0x01, 0x00, 0x03, 11 }, ascii("example.org"),
            new int[] { 0x00, 0x50 }, ascii("GET / HTTP/1.1\r\n"));
        final long state = feed(plain, INITIAL_STATE, 0, concat(new int[] { 0x05, 0x02, 0x00, 0x80 }, request));

        assertEquals(FOUND, SocksSniffer.status(state));
        assertEquals(ADDRESS_TYPE_DOMAIN, plain.request().addressType());
        assertEquals("example.org", plain.request().domainAsString());
        assertEquals(80, plain.request().port());
        assertEquals(4 + 18, SocksSniffer.bytesConsumed(state), "the preamble ends where the GET starts");
    }

    @Test
    void shouldFollowUsernamePasswordAuthenticationBeforeTheRequest()
    {
        final int[] ipv6Request = { 0x05, 0x01, 0x00, 0x04, 0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x2A, 0x01, 0xBB };
        long state = feed(plain, INITIAL_STATE, 0, 0x05, 0x02, 0x00, 0x02);
        state = feed(plain, state, 4, concat(new int[] { 0x01, 4 }, ascii("user"), new int[] { 6 }, ascii("secret")));
        assertEquals(PENDING, SocksSniffer.status(state));
        state = feed(plain, state, 4 + 13, ipv6Request);

        assertEquals(FOUND, SocksSniffer.status(state));
        assertEquals(ADDRESS_TYPE_IPV6, plain.request().addressType());
        assertEquals(0x2001_0DB8_0000_0000L, plain.request().ipv6High());
        assertEquals(0x2AL, plain.request().ipv6Low());
        assertEquals(443, plain.request().port());
    }

    @Test
    void shouldAcceptEmptyUsernameAndPassword()
    {
        long state = feed(plain, INITIAL_STATE, 0, 0x05, 0x01, 0x02);
        state = feed(plain, state, 3, 0x01, 0x00, 0x00);
        state = feed(plain, state, 6, REQUEST_IPV4);
        assertEquals(FOUND, SocksSniffer.status(state));
    }

    @Test
    void shouldNotTakeAnAuthenticationStepThatTheGreetingDidNotOffer()
    {
        long state = feed(plain, INITIAL_STATE, 0, GREETING);
        state = feed(plain, state, 3, 0x01, 0x00, 0x00);
        assertEquals(NOT_SOCKS, SocksSniffer.status(state));
    }

    @Test
    void shouldAcceptAPreambleSplitBeforeAnyByteBeforeTheRequest()
    {
        final int[] preamble = concat(new int[] { 0x05, 0x03, 0x00, 0x01, 0x02, 0x01, 3 }, ascii("bob"),
            new int[] { 2 }, ascii("pw"));
        long state = INITIAL_STATE;
        for (int i = 0; i < preamble.length; i++)
        {
            state = feed(plain, state, i, preamble[i]);
            assertEquals(PENDING, SocksSniffer.status(state), "after byte " + i);
            assertEquals(i + 1, SocksSniffer.bytesConsumed(state));
        }
        state = feed(plain, state, preamble.length, REQUEST_IPV4);
        assertEquals(FOUND, SocksSniffer.status(state));
        assertEquals(8443, plain.request().port());
    }

    @Test
    void shouldSkipRetransmittedBytesAndWaitAcrossAGap()
    {
        long state = feed(plain, INITIAL_STATE, 0, GREETING);
        final long afterGreeting = state;

        state = feed(plain, state, 0, GREETING);
        assertEquals(afterGreeting, state, "a retransmitted greeting changes nothing");

        final int[] authAndRequest = concat(new int[] { 0x05, 0x01, 0x00 }, new int[] { 0xEE, 0xEE });
        state = feed(plain, state, 5, authAndRequest);
        assertEquals(afterGreeting, state, "bytes after a gap wait for the missing ones");

        // A retransmission that overlaps the greeting and carries the request too.
        state = feed(plain, state, 0, concat(GREETING, REQUEST_IPV4));
        assertEquals(FOUND, SocksSniffer.status(state));
        assertEquals(0xC633_6407, plain.request().ipv4());
    }

    @Test
    void shouldTreatTheStreamOffsetAsUnsigned32Bits()
    {
        final long state = feed(plain, INITIAL_STATE, 0x1_0000_0000L, GREETING);
        assertEquals(3, SocksSniffer.bytesConsumed(state), "offset 2^32 is offset 0 after the mask");
        assertEquals(INITIAL_STATE, feed(plain, INITIAL_STATE, 0xFFFF_FFFFL, GREETING), "a gap, not a duplicate");
    }

    @Test
    void shouldGiveUpAsTruncatedWhenThePlainRequestStraddlesTwoPayloads()
    {
        // Documented limit: the address cannot wait in the state word, so the request must end in the
        // segment it starts in.
        long state = feed(plain, INITIAL_STATE, 0, GREETING);
        state = feed(plain, state, 3, 0x05, 0x01, 0x00, 0x01, 198, 51);
        assertEquals(TRUNCATED, SocksSniffer.status(state));
        assertEquals(3, SocksSniffer.bytesConsumed(state), "where the request started");

        final long after = feed(plain, state, 9, 100, 7, 0x20, 0xFB);
        assertEquals(state, after, "a verdict is final");
    }

    @Test
    void shouldGiveUpAsTruncatedWhenTheSnapLengthCutTheRequest()
    {
        final UnsafeBuffer buffer = SocksRequestDecoderTest.buffer(0, concat(GREETING, REQUEST_IPV4));
        long state = plain.onClientPayload(INITIAL_STATE, 0, buffer, 0, 8, 13);
        assertEquals(TRUNCATED, SocksSniffer.status(state));

        // Cut inside the greeting's methods: the bytes that say what comes next are missing.
        state = plain.onClientPayload(INITIAL_STATE, 0, buffer, 0, 2, 3);
        assertEquals(TRUNCATED, SocksSniffer.status(state));

        // Cut only after the request: the destination is all there.
        state = plain.onClientPayload(INITIAL_STATE, 0, buffer, 0, 13, 1400);
        assertEquals(FOUND, SocksSniffer.status(state));
    }

    @Test
    void shouldReportBindAndUdpAssociateAsUnsupported()
    {
        long state = feed(plain, INITIAL_STATE, 0, GREETING);
        state = feed(plain, state, 3, 0x05, 0x03, 0x00, 0x01, 0, 0, 0, 1, 0, 1);
        assertEquals(UNSUPPORTED, SocksSniffer.status(state));
    }

    @Test
    void shouldFindTheShadowsocksDestinationInTheFirstPayload()
    {
        final SocksSniffer sniffer = new SocksSniffer(FOOBAR);
        final long state = feed(sniffer, INITIAL_STATE, 0, FOOBAR_IPV4_443);

        assertEquals(FOUND, SocksSniffer.status(state));
        assertTrue(SocksSniffer.isShadowsocks(state));
        assertEquals(7, SocksSniffer.bytesConsumed(state));
        assertEquals(0x5DB8_D822, sniffer.request().ipv4());
        assertEquals(443, sniffer.request().port());
    }

    @Test
    void shouldNotMistakeAShadowsocksHeaderThatStartsWith05ForAGreeting()
    {
        final SocksSniffer sniffer = new SocksSniffer(MPTCP_PROXY);
        final long state = feed(sniffer, INITIAL_STATE, 0, MPTCP_PROXY_IPV6_53);

        assertEquals(FOUND, SocksSniffer.status(state));
        assertTrue(SocksSniffer.isShadowsocks(state));
        assertEquals(0x2001_0DB8_0000_0000L, sniffer.request().ipv6High());
        assertEquals(53, sniffer.request().port());

        final long domain = feed(sniffer, INITIAL_STATE, 0, MPTCP_PROXY_DOMAIN_8080);
        assertEquals(FOUND, SocksSniffer.status(domain));
        assertEquals("example.org", sniffer.request().domainAsString());
    }

    @Test
    void shouldStillDecodePlainSocks5WhenAPasswordIsConfigured()
    {
        for (final ShadowsocksTable table : new ShadowsocksTable[] { FOOBAR, MPTCP_PROXY })
        {
            // For "mptcp-proxy" 0x05 decrypts to 0x04, IPv6: the greeting looks like a header cut short.
            final SocksSniffer sniffer = new SocksSniffer(table);
            long state = feed(sniffer, INITIAL_STATE, 0, GREETING);
            assertEquals(PENDING, SocksSniffer.status(state));
            state = feed(sniffer, state, 3, REQUEST_IPV4);
            assertEquals(FOUND, SocksSniffer.status(state));
            assertFalse(SocksSniffer.isShadowsocks(state));
            assertEquals(8443, sniffer.request().port());

            final long together = feed(sniffer, INITIAL_STATE, 0, concat(GREETING, REQUEST_IPV4));
            assertEquals(FOUND, SocksSniffer.status(together));
            assertFalse(SocksSniffer.isShadowsocks(together));
        }
    }

    @Test
    void shouldGiveUpOnTrafficThatIsNotSocks()
    {
        final SocksSniffer sniffer = new SocksSniffer(FOOBAR);
        final int[] tlsClientHello = { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03 };
        final int[] http = ascii("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n");
        for (final SocksSniffer s : new SocksSniffer[] { plain, sniffer })
        {
            assertEquals(NOT_SOCKS, SocksSniffer.status(feed(s, INITIAL_STATE, 0, tlsClientHello)));
            assertEquals(NOT_SOCKS, SocksSniffer.status(feed(s, INITIAL_STATE, 0, http)));
            assertEquals(NOT_SOCKS, SocksSniffer.status(feed(s, INITIAL_STATE, 0, 0x05, 0x00)), "no methods");
            assertEquals(NOT_SOCKS, SocksSniffer.status(feed(s, INITIAL_STATE, 0, 0x05, 0x01, 0xFF)), "method FF");
        }
        assertEquals(NOT_SOCKS, SocksSniffer.status(feed(plain, INITIAL_STATE, 0, FOOBAR_IPV4_443)),
            "encrypted without the password");
    }

    @Test
    void shouldCallAShadowsocksHeaderCutShortTruncated()
    {
        final SocksSniffer sniffer = new SocksSniffer(FOOBAR);
        final long state = feed(sniffer, INITIAL_STATE, 0, 0x10, 0xF2, 0xFE);
        assertEquals(TRUNCATED, SocksSniffer.status(state));
    }

    @Test
    void shouldSurviveRandomSegmentsWithoutThrowing()
    {
        final Random random = new Random(7L);
        final byte[] bytes = new byte[64];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        for (final SocksSniffer sniffer : new SocksSniffer[] { plain, new SocksSniffer(FOOBAR) })
        {
            for (int connection = 0; connection < 5_000; connection++)
            {
                long state = INITIAL_STATE;
                long streamOffset = 0;
                for (int segment = 0; segment < 6 && !SocksSniffer.isDone(state); segment++)
                {
                    random.nextBytes(bytes);
                    if (segment == 0 && random.nextBoolean())
                    {
                        bytes[0] = 0x05;
                    }
                    final int length = 1 + random.nextInt(bytes.length);
                    state = sniffer.onClientPayload(state, streamOffset, buffer, 0, length, length);
                    streamOffset += length;
                    final int status = SocksSniffer.status(state);
                    assertTrue(status >= PENDING && status <= TRUNCATED);
                    assertTrue(SocksSniffer.bytesConsumed(state) <= streamOffset);
                }
            }
        }
    }

    static long feed(final SocksSniffer sniffer, final long state, final long streamOffset, final int... payload)
    {
        final int offset = 11;
        return sniffer.onClientPayload(state, streamOffset, SocksRequestDecoderTest.buffer(offset, payload), offset,
            payload.length, payload.length);
    }
}
