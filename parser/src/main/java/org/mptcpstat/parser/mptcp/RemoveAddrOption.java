package org.mptcpstat.parser.mptcp;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a REMOVE_ADDR option (subtype 0x4), RFC 6824 / RFC 8684 section 3.4.2. The format is
 * the same in both versions.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-------+---------------+
 * |     Kind=30   |  Length = 3+n |Subtype|(resvd)|   Address ID  | ...
 * +---------------+---------------+-------+-------+---------------+
 *                            (followed by n-1 Address IDs, if required)
 * </pre>
 *
 * Valid when at least one address ID is present (length &gt;= 4); the length byte caps n at 253.
 * See the package documentation for the validity rule shared by all accessors.
 */
public final class RemoveAddrOption
{
    /** Kind, length, subtype/reserved. */
    public static final int HEADER_LENGTH = 3;

    private static final int SUBTYPE_OFFSET = 2;
    private static final int FIRST_ADDRESS_ID_OFFSET = 3;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean valid;

    /**
     * Point this flyweight at an option; see the package documentation for what the caller guarantees.
     *
     * @return this, for chaining.
     */
    public RemoveAddrOption wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.valid = length > HEADER_LENGTH &&
            (buffer.getByte(offset + SUBTYPE_OFFSET) & 0xFF) >>> 4 == MptcpSubtype.REMOVE_ADDR;
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

    /** @return whether this is a REMOVE_ADDR listing at least one address ID. */
    public boolean isValid()
    {
        return valid;
    }

    /** @return how many address IDs are listed, at least 1. Requires {@link #isValid()}. */
    public int count()
    {
        assert valid;
        return length - HEADER_LENGTH;
    }

    /**
     * @param index 0 .. {@link #count()} - 1.
     * @return the unsigned 8-bit address ID at that index. Requires {@link #isValid()}.
     */
    public int addressId(final int index)
    {
        assert valid && index >= 0 && index < length - HEADER_LENGTH;
        return buffer.getByte(offset + FIRST_ADDRESS_ID_OFFSET + index) & 0xFF;
    }
}
