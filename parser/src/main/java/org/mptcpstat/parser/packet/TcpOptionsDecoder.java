package org.mptcpstat.parser.packet;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Walks the TCP options (RFC 9293 section 3.1) and records the ones mptcpstat uses in the
 * {@link TcpPacket}. MPTCP options (kind 30) are only located here; their subtypes are decoded
 * by the flyweights of {@code org.mptcpstat.parser.mptcp}.
 * <pre>
 * kind 0 (end of list) | kind 1 (no-op) | kind (1) length (1) value (length - 2)
 * MSS 2/4: mss (2) | window scale 3/3: shift (1) | SACK permitted 4/2 |
 * SACK 5/(2 + 8n): n x (left edge (4), right edge (4)) | timestamps 8/10: TSval (4) TSecr (4)
 * </pre>
 */
final class TcpOptionsDecoder
{
    private static final int KIND_END = 0;
    private static final int KIND_NOP = 1;
    private static final int KIND_MSS = 2;
    private static final int KIND_WINDOW_SCALE = 3;
    private static final int KIND_SACK_PERMITTED = 4;
    private static final int KIND_SACK = 5;
    private static final int KIND_TIMESTAMPS = 8;
    private static final int KIND_MPTCP = 30;

    private static final int LENGTH_MSS = 4;
    private static final int LENGTH_WINDOW_SCALE = 3;
    private static final int LENGTH_TIMESTAMPS = 10;
    private static final int SACK_BLOCK_LENGTH = 8;
    /** NOP, NOP, timestamps: how Linux aligns the timestamps option in nearly every segment. */
    private static final int NOP_NOP_TIMESTAMPS = 0x0101_080A;
    private static final int NOP_NOP_TIMESTAMPS_LENGTH = 2 + LENGTH_TIMESTAMPS;

    private TcpOptionsDecoder()
    {
    }

    /**
     * @param start     first option byte.
     * @param headerEnd index after the TCP header, as its data offset states.
     * @param end       index after the last option byte that is both in the header and captured.
     */
    static void decode(
        final DirectBuffer buffer, final int start, final int headerEnd, final int end, final TcpPacket packet)
    {
        packet.resetOptions();
        int at = start;
        while (at < end)
        {
            final int kind = buffer.getByte(at) & 0xFF;
            if (kind == KIND_END)
            {
                return;
            }
            if (kind == KIND_NOP)
            {
                if (at + NOP_NOP_TIMESTAMPS_LENGTH <= end &&
                    buffer.getInt(at, ByteOrder.BIG_ENDIAN) == NOP_NOP_TIMESTAMPS)
                {
                    // The walk below would take the same three steps to the same result.
                    timestamps(buffer, at + 2, packet);
                    at += NOP_NOP_TIMESTAMPS_LENGTH;
                    continue;
                }
                at++;
                continue;
            }
            if (at + 2 > end)
            {
                return;
            }
            final int length = buffer.getByte(at + 1) & 0xFF;
            if (length < 2 || at + length > headerEnd)
            {
                // A length that cannot be right leaves no trustworthy position for the next option.
                packet.optionsMalformed = true;
                return;
            }
            if (at + length > end)
            {
                return;
            }
            record(buffer, at, kind, length, packet);
            at += length;
        }
    }

    private static void record(
        final DirectBuffer buffer, final int at, final int kind, final int length, final TcpPacket packet)
    {
        switch (kind)
        {
            case KIND_MSS:
                if (length == LENGTH_MSS)
                {
                    packet.mss = buffer.getShort(at + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                }
                break;
            case KIND_WINDOW_SCALE:
                if (length == LENGTH_WINDOW_SCALE)
                {
                    packet.windowScale = buffer.getByte(at + 2) & 0xFF;
                }
                break;
            case KIND_SACK_PERMITTED:
                // Counted whatever its length: a malformed one still shows the sender's intent.
                packet.sackPermittedOptions++;
                break;
            case KIND_SACK:
                for (int edge = at + 2; edge + SACK_BLOCK_LENGTH <= at + length &&
                    packet.sackBlockCount < TcpPacket.MAX_SACK_BLOCKS; edge += SACK_BLOCK_LENGTH)
                {
                    packet.sackLeft[packet.sackBlockCount] = buffer.getInt(edge, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
                    packet.sackRight[packet.sackBlockCount] =
                        buffer.getInt(edge + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
                    packet.sackBlockCount++;
                }
                break;
            case KIND_TIMESTAMPS:
                if (length == LENGTH_TIMESTAMPS)
                {
                    timestamps(buffer, at, packet);
                }
                break;
            case KIND_MPTCP:
                if (packet.mptcpOptionCount < TcpPacket.MAX_MPTCP_OPTIONS)
                {
                    packet.mptcpOptionOffset[packet.mptcpOptionCount] = at;
                    packet.mptcpOptionLength[packet.mptcpOptionCount] = length;
                    packet.mptcpOptionCount++;
                }
                break;
            default:
                break;
        }
    }

    /** @param at index of the kind byte of a 10-byte timestamps option. */
    private static void timestamps(final DirectBuffer buffer, final int at, final TcpPacket packet)
    {
        packet.hasTimestamps = true;
        packet.timestampValue = buffer.getInt(at + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        packet.timestampEcho = buffer.getInt(at + 6, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }
}
