package org.mptcpstat.parser.packet;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.testing.Bytes;
import org.mptcpstat.parser.testing.SegmentBuilder;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketDecoderTest
{
    private static final byte[] V6_SOURCE = Bytes.of(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    private static final byte[] V6_DESTINATION = Bytes.of(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2);

    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpPacket packet = new TcpPacket();
    private final PacketRecord record = new PacketRecord();

    private DecodeStatus decode(final byte[] frame, final int linkType)
    {
        return decode(frame, frame.length, linkType);
    }

    /** Places the frame at offset 7 of a larger buffer, so offset mistakes show. */
    private DecodeStatus decode(final byte[] frame, final int capturedLength, final int linkType)
    {
        final byte[] padded = new byte[frame.length + 16];
        Arrays.fill(padded, (byte)0xEE);
        System.arraycopy(frame, 0, padded, 7, frame.length);
        record.set(new UnsafeBuffer(padded), 7, capturedLength, frame.length, 42L, linkType, 0, 9);
        return decoder.decode(record, packet);
    }

    @Test
    void shouldDecodeEthernetIpv4TcpHeaderFields()
    {
        final byte[] frame = new SegmentBuilder()
            .ports(51000, 443).sequence(0xFFFF_FFF0L, 0x8000_0001L).flags(TcpHeader.PSH | TcpHeader.ACK)
            .window(0xFFFF).payload(100).ethernet();

        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertEquals(4, packet.ipVersion());
        assertEquals(0x0A00_0001L, packet.sourceLow());
        assertEquals(0x0A00_0002L, packet.destinationLow());
        assertEquals(51000, packet.sourcePort());
        assertEquals(443, packet.destinationPort());
        assertEquals(0xFFFF_FFF0L, packet.sequenceNumber());
        assertEquals(0x8000_0001L, packet.acknowledgmentNumber());
        assertEquals(0x018, packet.flags());
        assertEquals(0xFFFF, packet.window());
        assertEquals(100, packet.payloadLength());
        assertEquals(64, packet.ttl());
        assertEquals(140, packet.ipLength());
        assertEquals(9, packet.frameNumber());
        assertFalse(packet.truncated());
    }

    @Test
    void shouldSkipStackedVlanTags()
    {
        final byte[] frame = new SegmentBuilder().payload(5).ethernet(0x88A8, 0x8100);
        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertEquals(5, packet.payloadLength());
        assertEquals(40000, packet.sourcePort());
    }

    @Test
    void shouldTakePayloadLengthFromIpHeaderWhenSnapLengthCutsThePacket()
    {
        final byte[] frame = new SegmentBuilder().payload(1400).ethernet();
        assertEquals(DecodeStatus.TCP, decode(frame, 96, LinkType.ETHERNET));
        assertEquals(1400, packet.payloadLength());
        assertEquals(96 - 14 - 40, packet.capturedPayloadLength());
        assertTrue(packet.truncated());
    }

    @Test
    void shouldIgnoreEthernetPaddingAfterTheDatagram()
    {
        final byte[] frame = Bytes.concat(new SegmentBuilder().ethernet(), new byte[6]);
        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertEquals(0, packet.payloadLength());
        assertFalse(packet.truncated());
    }

    @Test
    void shouldReportTruncatedWhenTcpHeaderIsNotCaptured()
    {
        final byte[] frame = new SegmentBuilder().ethernet();
        assertEquals(DecodeStatus.TRUNCATED, decode(frame, 14 + 20 + 10, LinkType.ETHERNET));
    }

    @Test
    void shouldDecodeLinuxCookedV1AndV2()
    {
        final SegmentBuilder segment = new SegmentBuilder().addresses(V6_SOURCE, V6_DESTINATION).payload(7);
        assertEquals(DecodeStatus.TCP, decode(segment.linuxCooked(), LinkType.LINUX_SLL));
        assertEquals(6, packet.ipVersion());
        assertEquals(7, packet.payloadLength());
        assertEquals(DecodeStatus.TCP, decode(segment.linuxCooked2(), LinkType.LINUX_SLL2));
        assertEquals(0x2001_0db8_0000_0000L, packet.sourceHigh());
        assertEquals(1L, packet.sourceLow());
        assertEquals(2L, packet.destinationLow());
        assertEquals(7, packet.payloadLength());
    }

    @Test
    void shouldDecodeRawNullLoopAndPppLinkTypes()
    {
        final byte[] ip = new SegmentBuilder().payload(3).ip();
        for (final int linkType : new int[] { LinkType.RAW, LinkType.RAW_BSD_12, LinkType.RAW_BSD_14, LinkType.IPV4 })
        {
            assertEquals(DecodeStatus.TCP, decode(ip, linkType), "link type " + linkType);
            assertEquals(3, packet.payloadLength());
        }
        assertEquals(DecodeStatus.TCP, decode(Bytes.concat(Bytes.of(2, 0, 0, 0), ip), LinkType.NULL));
        assertEquals(DecodeStatus.TCP, decode(Bytes.concat(Bytes.of(0, 0, 0, 2), ip), LinkType.NULL));
        assertEquals(DecodeStatus.TCP, decode(Bytes.concat(Bytes.of(0, 0, 0, 2), ip), LinkType.LOOP));
        assertEquals(DecodeStatus.TCP, decode(Bytes.concat(Bytes.of(0xFF, 0x03, 0x00, 0x21), ip), LinkType.PPP));
        assertEquals(DecodeStatus.TCP, decode(Bytes.concat(Bytes.of(0x21), ip), LinkType.PPP));
        final byte[] ip6 = new SegmentBuilder().addresses(V6_SOURCE, V6_DESTINATION).ip();
        assertEquals(DecodeStatus.TCP, decode(Bytes.concat(Bytes.of(0x00, 0x57), ip6), LinkType.PPP));
        assertEquals(6, packet.ipVersion());
        assertEquals(DecodeStatus.TCP, decode(Bytes.concat(Bytes.of(30, 0, 0, 0), ip6), LinkType.NULL));
        assertEquals(DecodeStatus.TCP, decode(ip6, LinkType.IPV6));
        assertEquals(DecodeStatus.UNSUPPORTED_LINK_TYPE, decode(ip, 147));
    }

    @Test
    void shouldWalkIpv6ExtensionHeadersToTcp()
    {
        final byte[] frame = new SegmentBuilder().addresses(V6_SOURCE, V6_DESTINATION).payload(11)
            .ipv6Extensions(0,
                60, 0, 1, 4, 0, 0, 0, 0,                        // hop-by-hop, 8 bytes, next: destination options
                43, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // destination options, 16 bytes, next: routing
                44, 0, 0, 0, 0, 0, 0, 0,                        // routing type 0, 8 bytes, next: fragment
                6, 0, 0, 0, 0, 0, 0, 1)                         // fragment offset 0 (first fragment), next: TCP
            .ethernet();
        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertEquals(11, packet.payloadLength());
        assertEquals(40000, packet.sourcePort());
        assertEquals(40 + 40 + 20 + 11, packet.ipLength());
        assertFalse(packet.firstFragment(), "an atomic fragment (offset 0, M clear) is a whole datagram");
    }

    @Test
    void shouldSkipNonFirstIpv6Fragment()
    {
        final byte[] frame = new SegmentBuilder().addresses(V6_SOURCE, V6_DESTINATION)
            .ipv6Extensions(44, 6, 0, 0x05, 0x00, 0, 0, 0, 1)
            .ethernet();
        assertEquals(DecodeStatus.FRAGMENT, decode(frame, LinkType.ETHERNET));
    }

    @Test
    void shouldNotLookForTcpBehindUnknownIpv6NextHeader()
    {
        final byte[] frame = new SegmentBuilder().addresses(V6_SOURCE, V6_DESTINATION)
            .ipv6Extensions(50, 6, 0, 0, 0, 0, 0, 0, 0)
            .ethernet();
        assertEquals(DecodeStatus.NOT_TCP, decode(frame, LinkType.ETHERNET));
    }

    @Test
    void shouldReportMalformedWhenExtensionHeaderOverrunsPayload()
    {
        final byte[] frame = new SegmentBuilder().addresses(V6_SOURCE, V6_DESTINATION)
            .ipv6Extensions(0, 6, 200, 0, 0, 0, 0, 0, 0)
            .ethernet();
        assertEquals(DecodeStatus.MALFORMED, decode(frame, LinkType.ETHERNET));
    }

    @Test
    void shouldSkipNonFirstIpv4FragmentButDecodeTheFirst()
    {
        final byte[] frame = new SegmentBuilder().payload(8).ethernet();
        frame[14 + 6] = 0x20;   // more fragments, offset 0: the first fragment carries the TCP header
        frame[14 + 7] = 0x00;
        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertTrue(packet.firstFragment());
        frame[14 + 7] = 0x10;   // offset 16 x 8 bytes
        assertEquals(DecodeStatus.FRAGMENT, decode(frame, LinkType.ETHERNET));
    }

    @Test
    void shouldReportNotTcpForOtherProtocolsAndEtherTypes()
    {
        final byte[] frame = new SegmentBuilder().ethernet();
        frame[14 + 9] = 17;
        assertEquals(DecodeStatus.NOT_TCP, decode(frame, LinkType.ETHERNET));
        final byte[] arp = new SegmentBuilder().ethernet();
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertEquals(DecodeStatus.NOT_TCP, decode(arp, LinkType.ETHERNET));
    }

    @Test
    void shouldReportMalformedForImpossibleHeaderLengths()
    {
        final byte[] shortIhl = new SegmentBuilder().ethernet();
        shortIhl[14] = 0x44;
        assertEquals(DecodeStatus.MALFORMED, decode(shortIhl, LinkType.ETHERNET));

        final byte[] totalBelowHeader = new SegmentBuilder().ethernet();
        totalBelowHeader[14 + 3] = 10;
        assertEquals(DecodeStatus.MALFORMED, decode(totalBelowHeader, LinkType.ETHERNET));

        final byte[] tcpOffsetPastDatagram = new SegmentBuilder().ethernet();
        tcpOffsetPastDatagram[14 + 20 + 12] = (byte)0xF0;
        assertEquals(DecodeStatus.MALFORMED, decode(tcpOffsetPastDatagram, LinkType.ETHERNET));

        final byte[] tcpOffsetBelowMinimum = new SegmentBuilder().ethernet();
        tcpOffsetBelowMinimum[14 + 20 + 12] = 0x40;
        assertEquals(DecodeStatus.MALFORMED, decode(tcpOffsetBelowMinimum, LinkType.ETHERNET));
    }

    @Test
    void shouldDecodeCommonTcpOptions()
    {
        final byte[] frame = new SegmentBuilder().flags(TcpHeader.SYN).options(
            2, 4, 0x05, 0xB4,                     // MSS 1460
            4, 2,                                 // SACK permitted
            8, 10, 0, 0, 0, 1, 0, 0, 0, 2,        // timestamps 1, 2
            1,                                    // NOP
            3, 3, 7,                              // window scale 7
            5, 18, 0, 0, 0, 10, 0, 0, 0, 20,      // SACK 10-20
            0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 5,   // SACK 4294967280-5 (wraps)
            0, 0)                                 // end of list, padding
            .ethernet();
        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertEquals(1460, packet.mss());
        assertTrue(packet.sackPermitted());
        assertTrue(packet.hasTimestamps());
        assertEquals(1, packet.timestampValue());
        assertEquals(2, packet.timestampEcho());
        assertEquals(7, packet.windowScale());
        assertEquals(2, packet.sackBlockCount());
        assertEquals(10, packet.sackLeft(0));
        assertEquals(20, packet.sackRight(0));
        assertEquals(0xFFFF_FFF0L, packet.sackLeft(1));
        assertEquals(5, packet.sackRight(1));
        assertFalse(packet.optionsMalformed());
    }

    @Test
    void shouldDecodeTimestampsAlignedByTwoNopsAndTheOptionsAfterThem()
    {
        final byte[] frame = new SegmentBuilder().options(
            1, 1, 8, 10, 0, 0, 0, 3, 0, 0, 0, 4,  // NOP, NOP, timestamps 3, 4 (as Linux aligns them)
            30, 4, 0x20, 0x00)                    // DSS without fields
            .ethernet();
        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertTrue(packet.hasTimestamps());
        assertEquals(3, packet.timestampValue());
        assertEquals(4, packet.timestampEcho());
        assertEquals(1, packet.mptcpOptionCount());
        assertFalse(packet.optionsMalformed());

        assertEquals(DecodeStatus.TCP, decode(frame, 14 + 20 + 20 + 11, LinkType.ETHERNET));
        assertFalse(packet.hasTimestamps(), "timestamps cut by the snap length");
        assertFalse(packet.optionsMalformed());
    }

    @Test
    void shouldStopAtZeroLengthOptionAndFlagIt()
    {
        final byte[] frame = new SegmentBuilder().options(
            2, 4, 0x05, 0xB4,       // MSS 1460
            8, 0, 0, 0,             // timestamps with length 0: nothing after it can be trusted
            30, 4, 0x20, 0x01)      // a DSS that must not be reported
            .payload(4).ethernet();
        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertEquals(1460, packet.mss());
        assertTrue(packet.optionsMalformed());
        assertFalse(packet.hasTimestamps());
        assertEquals(0, packet.mptcpOptionCount());
        assertEquals(4, packet.payloadLength());
    }

    @Test
    void shouldFlagOptionRunningPastTheHeader()
    {
        final byte[] frame = new SegmentBuilder().options(1, 1, 30, 12).payload(20).ethernet();
        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertTrue(packet.optionsMalformed());
        assertEquals(0, packet.mptcpOptionCount());
    }

    @Test
    void shouldNotFlagOptionCutOnlyBySnapLength()
    {
        final byte[] frame = new SegmentBuilder().options(1, 1, 30, 12, 0x00, 0x81, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0)
            .ethernet();
        assertEquals(DecodeStatus.TCP, decode(frame, 14 + 20 + 20 + 6, LinkType.ETHERNET));
        assertFalse(packet.optionsMalformed());
        assertTrue(packet.truncated());
        assertEquals(0, packet.mptcpOptionCount());
    }

    @Test
    void shouldLocateEachMptcpOption()
    {
        final byte[] frame = new SegmentBuilder().options(
            1, 30, 4, 0x20, 0x00,         // DSS without fields (NOP first: offset 21)
            30, 3, 0x40,                  // REMOVE_ADDR without IDs: invalid for its decoder, still located
            30, 4, 0x50, 0x01)            // MP_PRIO
            .ethernet();
        assertEquals(DecodeStatus.TCP, decode(frame, LinkType.ETHERNET));
        assertEquals(3, packet.mptcpOptionCount());
        assertEquals(7 + 14 + 20 + 20 + 1, packet.mptcpOptionOffset(0));
        assertEquals(4, packet.mptcpOptionLength(0));
        assertEquals(3, packet.mptcpOptionLength(1));
        assertEquals(4, packet.mptcpOptionLength(2));
        assertEquals(0x50, packet.buffer().getByte(packet.mptcpOptionOffset(2) + 2) & 0xFF);
    }
}
