package org.mptcpstat.parser.testing;

import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.mptcp.AddAddrOption;
import org.mptcpstat.parser.mptcp.MptcpOptionDecoder;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpHeader;
import org.mptcpstat.parser.packet.TcpPacket;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes records as {@code analyze} does and checks that the view the decoder made lies inside
 * the record; then reads every field of every MPTCP option, through a buffer that ends where the
 * option ends, as each MPTCP version would read it. What fuzz tests ask of the decoders.
 */
public final class PacketDecoding
{
    /** A connection's MPTCP version changes how ADD_ADDR is read; the option is read all three ways. */
    private static final int[] MPTCP_VERSIONS = { 0, 1, AddAddrOption.VERSION_UNKNOWN };
    private static final int MAX_TCP_HEADER_LENGTH = 60;

    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpPacket packet = new TcpPacket();
    private final MptcpOptionDecoder options = new MptcpOptionDecoder();
    private final MptcpOptionFields fields = new MptcpOptionFields();
    private final UnsafeBuffer option = new UnsafeBuffer(new byte[0]);

    public void decodeAndCheck(final PacketRecord record)
    {
        if (decoder.decode(record, packet) != DecodeStatus.TCP)
        {
            return;
        }
        final int end = record.offset() + record.capturedLength();
        assertTrue(packet.tcpHeaderLength() >= TcpHeader.MIN_LENGTH &&
            packet.tcpHeaderLength() <= MAX_TCP_HEADER_LENGTH, "TCP header length " + packet.tcpHeaderLength());
        assertTrue(packet.capturedPayloadLength() >= 0 && packet.capturedPayloadLength() <= packet.payloadLength(),
            "captured payload " + packet.capturedPayloadLength() + " of " + packet.payloadLength());
        assertTrue(packet.capturedPayloadLength() == 0 || packet.payloadOffset() + packet.capturedPayloadLength() <= end,
            "payload ends at " + (packet.payloadOffset() + packet.capturedPayloadLength()) + " past the record's " + end);
        for (int i = 0; i < packet.mptcpOptionCount(); i++)
        {
            final int offset = packet.mptcpOptionOffset(i);
            final int length = packet.mptcpOptionLength(i);
            assertTrue(offset >= record.offset() && length >= 2 && offset + length <= end,
                "MPTCP option at " + offset + "+" + length + " outside the record " + record.offset() + ".." + end);
            option.wrap(packet.buffer(), offset, length);
            for (final int version : MPTCP_VERSIONS)
            {
                options.wrap(option, 0, length, version);
                fields.readAll(options);
            }
        }
    }
}
