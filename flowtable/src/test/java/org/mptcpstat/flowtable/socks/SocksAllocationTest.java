package org.mptcpstat.flowtable.socks;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.FOOBAR;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.FOOBAR_IPV4_443;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.MPTCP_PROXY;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.MPTCP_PROXY_DOMAIN_8080;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.ascii;
import static org.mptcpstat.flowtable.socks.SocksRequestDecoderTest.concat;

class SocksAllocationTest
{
    private static final int ROUNDS = 100_000;
    /** Far below one allocation per round: what the measuring itself may cost. */
    private static final long ALLOWED_BYTES = 4_096;

    @Test
    void shouldDecodeAndSniffWithoutAllocating()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's ThreadMXBean");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        final UnsafeBuffer ipv4 = SocksRequestDecoderTest.buffer(0, FOOBAR_IPV4_443);
        final UnsafeBuffer domain = SocksRequestDecoderTest.buffer(0, MPTCP_PROXY_DOMAIN_8080);
        final int[] plainBytes = concat(new int[] { 0x05, 0x02, 0x00, 0x02, 0x01, 1, 'u', 1, 'p' },
            new int[] { 0x05, 0x01, 0x00, 0x03, 11 }, ascii("example.org"), new int[] { 0x01, 0xBB });
        final UnsafeBuffer plain = SocksRequestDecoderTest.buffer(0, plainBytes);
        final SocksRequestDecoder decoder = new SocksRequestDecoder();
        final SocksSniffer plainSniffer = new SocksSniffer(null);
        final SocksSniffer sniffer = new SocksSniffer(MPTCP_PROXY);
        final byte[] name = new byte[SocksRequestDecoder.MAX_DOMAIN_LENGTH];

        long sink = run(decoder, plainSniffer, sniffer, ipv4, domain, plain, plainBytes.length, name);
        final long before = threads.getCurrentThreadAllocatedBytes();
        sink += run(decoder, plainSniffer, sniffer, ipv4, domain, plain, plainBytes.length, name);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(2L * ROUNDS * (0x5DB8_D822L + 8080 + 443 + 11 + 1 + 1), sink, "every round found its destinations");
        assertTrue(allocated < ALLOWED_BYTES, allocated + " bytes allocated in " + ROUNDS + " rounds");
    }

    private static long run(
        final SocksRequestDecoder decoder,
        final SocksSniffer plainSniffer,
        final SocksSniffer sniffer,
        final UnsafeBuffer ipv4,
        final UnsafeBuffer domain,
        final UnsafeBuffer plain,
        final int plainLength,
        final byte[] name)
    {
        long sink = 0;
        for (int i = 0; i < ROUNDS; i++)
        {
            if (decoder.decodeShadowsocks(ipv4, 0, FOOBAR_IPV4_443.length, FOOBAR))
            {
                sink += decoder.ipv4() & 0xFFFF_FFFFL;
            }
            final long encrypted = sniffer.onClientPayload(SocksSniffer.INITIAL_STATE, 0, domain, 0,
                MPTCP_PROXY_DOMAIN_8080.length, MPTCP_PROXY_DOMAIN_8080.length);
            if (SocksSniffer.status(encrypted) == SocksSniffer.FOUND)
            {
                sink += sniffer.request().port() + sniffer.request().getDomain(name, 0);
            }
            // Plain: greeting with username/password, then the request, in two segments.
            long state = plainSniffer.onClientPayload(SocksSniffer.INITIAL_STATE, 0, plain, 0, 4, 4);
            state = plainSniffer.onClientPayload(state, 4, plain, 4, plainLength - 4, plainLength - 4);
            sink += SocksSniffer.status(state) == SocksSniffer.FOUND ? plainSniffer.request().port() : 0;
            sink += SocksSniffer.isShadowsocks(encrypted) ? 1 : 0;
            sink += SocksSniffer.isShadowsocks(state) ? 0 : 1;
        }
        return sink;
    }
}
