package org.mptcpstat.parser.mptcp;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Flyweight over an MP_FAIL option (subtype 0x6), from the "Fallback" sections of RFC 6824 and
 * RFC 8684; the format is the same in both versions.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+----------------------+
 * |     Kind=30   |   Length=12   |Subtype|      (reserved)      |
 * +---------------+---------------+-------+----------------------+
 * |                                                              |
 * |                 Data Sequence Number (8 octets)              |
 * |                                                              |
 * +--------------------------------------------------------------+
 * </pre>
 *
 * Sent when a DSS checksum fails on a subflow that cannot simply be reset; the DSN is that of the
 * start of the failed mapping, always in full 64-bit form. See the package documentation for the
 * validity rule shared by all accessors.
 */
public final class MpFailOption
{
    public static final int LENGTH = 12;

    private static final int SUBTYPE_OFFSET = 2;
    private static final int DATA_SEQUENCE_NUMBER_OFFSET = 4;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean valid;

    /**
     * Point this flyweight at an option; see the package documentation for what the caller guarantees.
     *
     * @return this, for chaining.
     */
    public MpFailOption wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.valid = length == LENGTH &&
            (buffer.getByte(offset + SUBTYPE_OFFSET) & 0xFF) >>> 4 == MptcpSubtype.MP_FAIL;
        return this;
    }

    /** @return index of the kind byte in the wrapped buffer. */
    public int offset()
    {
        return offset;
    }

    /** @return the option's length byte, as given to {@link #wrap(DirectBuffer, int, int)}. */
    public int length()
    {
        return length;
    }

    /** @return whether this is an MP_FAIL of length 12. */
    public boolean isValid()
    {
        return valid;
    }

    /** @return the 64-bit Data Sequence Number as a raw bit pattern. Requires {@link #isValid()}. */
    public long dataSequenceNumber()
    {
        assert valid;
        return buffer.getLong(offset + DATA_SEQUENCE_NUMBER_OFFSET, ByteOrder.BIG_ENDIAN);
    }
}
