package org.mptcpstat.parser.packet;

import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.testing.PacketDecoding;
import org.mptcpstat.parser.testing.TimedFuzzTest;

/**
 * The link-layer, IP, TCP and MPTCP decoders on any record of any link type. The record's buffer
 * ends where the record ends and starts where it starts, so a read outside it throws.
 */
class PacketDecoderFuzzTest
{
    private static final int LINK_TYPE_BYTES = 2;

    private final PacketDecoding decoding = new PacketDecoding();
    private final PacketRecord record = new PacketRecord();

    /** The first two bytes are the link type (big-endian, so most values are unsupported ones); the rest is the record. */
    @TimedFuzzTest
    void shouldDecodeAnyRecordWithinItsBytes(final byte[] input)
    {
        if (input.length < LINK_TYPE_BYTES)
        {
            return;
        }
        final int linkType = (input[0] & 0xFF) << 8 | input[1] & 0xFF;
        final int length = input.length - LINK_TYPE_BYTES;
        record.set(new UnsafeBuffer(input, LINK_TYPE_BYTES, length), 0, length, length, 0, linkType, 0, 1);
        decoding.decodeAndCheck(record);
    }
}
