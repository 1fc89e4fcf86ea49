package org.mptcpstat.parser.mptcp;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Flyweight over an MP_FASTCLOSE option (subtype 0x7), from the "Fast Close" sections of RFC 6824 and
 * RFC 8684; the format is the same in both versions.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-----------------------+
 * |     Kind=30   |    Length=12  |Subtype|      (reserved)       |
 * +---------------+---------------+-------+-----------------------+
 * |                      Option Receiver's Key                    |
 * |                            (64 bits)                          |
 * |                                                               |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * The receiver's key (the one the peer chose in MP_CAPABLE) authenticates the abrupt close, and also
 * tells an analyser which connection is being torn down when the subflow alone would be ambiguous.
 * See the package documentation for the validity rule shared by all accessors.
 */
public final class MpFastcloseOption
{
    public static final int LENGTH = 12;

    private static final int SUBTYPE_OFFSET = 2;
    private static final int RECEIVER_KEY_OFFSET = 4;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean valid;

    /**
     * Point this flyweight at an option; see the package documentation for what the caller guarantees.
     *
     * @return this, for chaining.
     */
    public MpFastcloseOption wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.valid = length == LENGTH &&
            (buffer.getByte(offset + SUBTYPE_OFFSET) & 0xFF) >>> 4 == MptcpSubtype.MP_FASTCLOSE;
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

    /** @return whether this is an MP_FASTCLOSE of length 12. */
    public boolean isValid()
    {
        return valid;
    }

    /** @return the 64-bit receiver's key as a raw bit pattern. Requires {@link #isValid()}. */
    public long receiverKey()
    {
        assert valid;
        return buffer.getLong(offset + RECEIVER_KEY_OFFSET, ByteOrder.BIG_ENDIAN);
    }
}
