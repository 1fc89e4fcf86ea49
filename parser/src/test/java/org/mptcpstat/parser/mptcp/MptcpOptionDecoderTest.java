package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MptcpOptionDecoderTest
{
    private final MptcpOptionDecoder decoder = new MptcpOptionDecoder();

    /**
     * The MPTCP options of public-v0/client_2.pcap frame 6 (third ACK of the first connection), back to
     * back as they sit in the TCP header after NOP, NOP, Timestamps. tshark 4.0: MP_CAPABLE version 0,
     * Sender's Key 14568871653868829995, Receiver's Key 12070231261294881532; then DSS flags 0x01,
     * Original MPTCP Data ACK 3851022548.
     */
    private static final int[] FRAME_6_MPTCP_OPTIONS = {
        0x1e, 0x14, 0x00, 0x01,                         // MP_CAPABLE: kind, length 20, v0, flags H
        0xca, 0x2f, 0x07, 0x94, 0x7b, 0x1b, 0xfd, 0x2b, //   sender's key
        0xa7, 0x82, 0x13, 0x61, 0x9e, 0x4b, 0xea, 0xfc, //   receiver's key
        0x1e, 0x08, 0x20, 0x01,                         // DSS: kind, length 8, subtype 2, flags A
        0xe5, 0x89, 0xf0, 0xd4};                        //   data ACK (4)

    @Test
    void shouldDecodeConsecutiveOptionsOfRealSegment()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[3 + FRAME_6_MPTCP_OPTIONS.length + 3]);
        buffer.setMemory(0, buffer.capacity(), OptionBytes.SENTINEL_BEFORE);
        for (int i = 0; i < FRAME_6_MPTCP_OPTIONS.length; i++)
        {
            buffer.putByte(3 + i, (byte)FRAME_6_MPTCP_OPTIONS[i]);
        }

        assertEquals(MptcpSubtype.MP_CAPABLE, decoder.wrap(buffer, 3, 20, AddAddrOption.VERSION_UNKNOWN));
        assertTrue(decoder.isValid());
        assertEquals(Long.parseUnsignedLong("14568871653868829995"), decoder.mpCapable().senderKey());
        assertEquals(Long.parseUnsignedLong("12070231261294881532"), decoder.mpCapable().receiverKey());

        assertEquals(MptcpSubtype.DSS, decoder.wrap(buffer, 23, 8, 0));
        assertTrue(decoder.isValid());
        assertEquals(MptcpSubtype.DSS, decoder.subtype());
        assertEquals(3851022548L, decoder.dss().dataAck());
        assertFalse(decoder.dss().hasMapping());
    }

    @Test
    void shouldWrapFlyweightMatchingEachDefinedSubtype()
    {
        check(OptionBytes.option(0x1e, 0x04, 0x01, 0x81), MptcpSubtype.MP_CAPABLE);
        assertEquals(1, decoder.mpCapable().version());

        check(OptionBytes.option(0x1e, 0x0c, 0x11, 0x02, 0, 0, 0, 1, 0, 0, 0, 2), MptcpSubtype.MP_JOIN);
        assertEquals(MpJoinOption.Form.SYN, decoder.mpJoin().form());
        assertEquals(2, decoder.mpJoin().addressId());

        check(OptionBytes.option(0x1e, 0x08, 0x20, 0x01, 0, 0, 0, 9), MptcpSubtype.DSS);
        assertEquals(9L, decoder.dss().dataAck());

        check(OptionBytes.option(0x1e, 0x08, 0x34, 0x03, 0x0b, 0, 0, 1), MptcpSubtype.ADD_ADDR);
        assertEquals(0x0b000001, decoder.addAddr().ipv4Address());

        check(OptionBytes.option(0x1e, 0x04, 0x40, 0x05), MptcpSubtype.REMOVE_ADDR);
        assertEquals(5, decoder.removeAddr().addressId(0));

        check(OptionBytes.option(0x1e, 0x03, 0x51), MptcpSubtype.MP_PRIO);
        assertTrue(decoder.mpPrio().isBackup());

        check(OptionBytes.option(0x1e, 0x0c, 0x60, 0x00, 0, 0, 0, 0, 0, 0, 0, 7), MptcpSubtype.MP_FAIL);
        assertEquals(7L, decoder.mpFail().dataSequenceNumber());

        check(OptionBytes.option(0x1e, 0x0c, 0x70, 0x00, 0, 0, 0, 0, 0, 0, 0, 8), MptcpSubtype.MP_FASTCLOSE);
        assertEquals(8L, decoder.mpFastclose().receiverKey());

        check(OptionBytes.option(0x1e, 0x04, 0x81, 0x02), MptcpSubtype.MP_TCPRST);
        assertEquals(MpTcpRstOption.REASON_LACK_OF_RESOURCES, decoder.mpTcpRst().reason());
    }

    private void check(final OptionBytes o, final int expectedSubtype)
    {
        assertEquals(expectedSubtype, decoder.wrap(o.tightBuffer(), o.offset, o.length, AddAddrOption.VERSION_UNKNOWN));
        assertTrue(decoder.isValid(), MptcpSubtype.name(expectedSubtype));
    }

    @Test
    void shouldPassConnectionVersionToAddAddr()
    {
        // IPVer 4 and length 8: v0 reads it as 11.0.0.1; a v1 connection cannot have sent it.
        final OptionBytes o = OptionBytes.option(0x1e, 0x08, 0x34, 0x03, 0x0b, 0x00, 0x00, 0x01);

        assertEquals(MptcpSubtype.ADD_ADDR, decoder.wrap(o.buffer, o.offset, o.length, AddAddrOption.VERSION_0));
        assertTrue(decoder.isValid());
        assertEquals(MptcpSubtype.ADD_ADDR, decoder.wrap(o.buffer, o.offset, o.length, AddAddrOption.VERSION_1));
        assertFalse(decoder.isValid());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x9, 0xA, 0xB, 0xC, 0xD, 0xE, 0xF})
    void shouldReportUnknownSubtypeAsInvalid(final int subtype)
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x06,                   // length 6
            subtype << 4,           // subtype with no defined format
            0x01, 0x02, 0x03);      // opaque payload

        assertEquals(subtype, decoder.wrap(o.tightBuffer(), o.offset, o.length, AddAddrOption.VERSION_UNKNOWN));
        assertFalse(decoder.isValid());
    }

    @Test
    void shouldReportTwoByteOptionAsNoneWithoutReadingPastIt()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x02);

        assertEquals(MptcpSubtype.NONE, decoder.wrap(o.tightBuffer(), o.offset, o.length, AddAddrOption.VERSION_UNKNOWN));
        assertEquals(MptcpSubtype.NONE, decoder.subtype());
        assertFalse(decoder.isValid());
    }

    @Test
    void shouldReportInvalidLengthOfKnownSubtype()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x05, 0x20, 0x01, 0x00);   // DSS, A, but 1 byte of ACK

        assertEquals(MptcpSubtype.DSS, decoder.wrap(o.tightBuffer(), o.offset, o.length, AddAddrOption.VERSION_UNKNOWN));
        assertFalse(decoder.isValid());
    }

    @Test
    void shouldNotAllocateWhileDecoding()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FRAME_6_MPTCP_OPTIONS.length]);
        for (int i = 0; i < FRAME_6_MPTCP_OPTIONS.length; i++)
        {
            buffer.putByte(i, (byte)FRAME_6_MPTCP_OPTIONS[i]);
        }
        final long threadId = Thread.currentThread().getId();

        long sum = decodeManyTimes(buffer);   // warm up: class loading and the first call may allocate
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            sum += decodeManyTimes(buffer);
            final long after = threads.getThreadAllocatedBytes(threadId);
            least = Math.min(least, after - before);
        }

        assertTrue(sum != 0);
        assertEquals(0L, least, "bytes allocated while decoding 10,000 segments");
    }

    private long decodeManyTimes(final UnsafeBuffer buffer)
    {
        long sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            decoder.wrap(buffer, 0, 20, AddAddrOption.VERSION_UNKNOWN);
            sum += decoder.mpCapable().senderKey() ^ decoder.mpCapable().receiverKey();
            decoder.wrap(buffer, 20, 8, AddAddrOption.VERSION_UNKNOWN);
            sum += decoder.dss().dataAck();
        }
        return sum;
    }
}
