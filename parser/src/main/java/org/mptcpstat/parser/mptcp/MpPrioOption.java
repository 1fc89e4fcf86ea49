package org.mptcpstat.parser.mptcp;

import org.agrona.DirectBuffer;

/**
 * Flyweight over an MP_PRIO option (subtype 0x5), RFC 6824 section 3.3.8 and RFC 8684 section 3.3.8.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-----+-+--------------+
 * |     Kind=30   |     Length    |Subtype|     |B| AddrID (opt) |
 * +---------------+---------------+-------+-----+-+--------------+
 * </pre>
 *
 * RFC 6824 allows length 3, or 4 with the address ID of the subflow whose priority changes. RFC 8684
 * dropped the address ID, so the option applies to the subflow it is sent on, and defines length 3
 * only. A v1 stack talking to an old peer may still meet length 4, and the extra
 * byte is harmless to read, so both lengths are accepted whatever the version, and
 * {@link #hasAddressId()} tells them apart.
 * <p>
 * See the package documentation for the validity rule shared by all accessors.
 */
public final class MpPrioOption
{
    public static final int LENGTH_WITHOUT_ADDRESS_ID = 3;
    public static final int LENGTH_WITH_ADDRESS_ID = 4;

    public static final int FLAG_BACKUP = 0x01;

    private static final int SUBTYPE_FLAGS_OFFSET = 2;
    private static final int ADDRESS_ID_OFFSET = 3;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean valid;

    /**
     * Point this flyweight at an option; see the package documentation for what the caller guarantees.
     *
     * @return this, for chaining.
     */
    public MpPrioOption wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.valid = (length == LENGTH_WITHOUT_ADDRESS_ID || length == LENGTH_WITH_ADDRESS_ID) &&
            (buffer.getByte(offset + SUBTYPE_FLAGS_OFFSET) & 0xFF) >>> 4 == MptcpSubtype.MP_PRIO;
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

    /** @return whether this is an MP_PRIO of length 3 or 4. */
    public boolean isValid()
    {
        return valid;
    }

    /** @return flag B: the sender asks for the subflow to be used as backup only. Requires {@link #isValid()}. */
    public boolean isBackup()
    {
        assert valid;
        return (buffer.getByte(offset + SUBTYPE_FLAGS_OFFSET) & FLAG_BACKUP) != 0;
    }

    /** @return whether the RFC 6824 address ID is present (length 4). Requires {@link #isValid()}. */
    public boolean hasAddressId()
    {
        assert valid;
        return length == LENGTH_WITH_ADDRESS_ID;
    }

    /** @return the unsigned 8-bit address ID. Requires {@link #isValid()} and {@link #hasAddressId()}. */
    public int addressId()
    {
        assert hasAddressId();
        return buffer.getByte(offset + ADDRESS_ID_OFFSET) & 0xFF;
    }
}
