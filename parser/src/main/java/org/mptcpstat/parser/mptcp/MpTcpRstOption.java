package org.mptcpstat.parser.mptcp;

import org.agrona.DirectBuffer;

/**
 * Flyweight over an MP_TCPRST option (subtype 0x8, v1 only), from the "Subflow Reset" section of
 * RFC 8684. It rides on a TCP RST and says why the subflow was reset.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-------+---------------+
 * |     Kind=30   |   Length=4    |Subtype|U|V|W|T|    Reason     |
 * +---------------+---------------+-------+-------+---------------+
 * </pre>
 *
 * T ("transient") says the error is temporary, so the peer may retry the subflow later; U, V and W
 * are reserved for future use. The flyweight does not check that the segment carries RST; the caller
 * has the TCP flags. See the package documentation for the validity rule shared by all accessors.
 */
public final class MpTcpRstOption
{
    public static final int LENGTH = 4;

    public static final int FLAG_U = 0x08;
    public static final int FLAG_V = 0x04;
    public static final int FLAG_W = 0x02;
    public static final int FLAG_TRANSIENT = 0x01;

    public static final int REASON_UNSPECIFIED = 0x00;
    public static final int REASON_MPTCP_SPECIFIC_ERROR = 0x01;
    public static final int REASON_LACK_OF_RESOURCES = 0x02;
    public static final int REASON_ADMINISTRATIVELY_PROHIBITED = 0x03;
    public static final int REASON_TOO_MUCH_OUTSTANDING_DATA = 0x04;
    public static final int REASON_UNACCEPTABLE_PERFORMANCE = 0x05;
    public static final int REASON_MIDDLEBOX_INTERFERENCE = 0x06;

    private static final int SUBTYPE_FLAGS_OFFSET = 2;
    private static final int REASON_OFFSET = 3;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean valid;

    /**
     * Point this flyweight at an option; see the package documentation for what the caller guarantees.
     *
     * @return this, for chaining.
     */
    public MpTcpRstOption wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.valid = length == LENGTH &&
            (buffer.getByte(offset + SUBTYPE_FLAGS_OFFSET) & 0xFF) >>> 4 == MptcpSubtype.MP_TCPRST;
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

    /** @return whether this is an MP_TCPRST of length 4. */
    public boolean isValid()
    {
        return valid;
    }

    /** @return the four flag bits U V W T. Requires {@link #isValid()}. */
    public int flags()
    {
        assert valid;
        return buffer.getByte(offset + SUBTYPE_FLAGS_OFFSET) & 0x0F;
    }

    /** @return flag U (reserved). Requires {@link #isValid()}. */
    public boolean isFlagU()
    {
        return (flags() & FLAG_U) != 0;
    }

    /** @return flag V (reserved). Requires {@link #isValid()}. */
    public boolean isFlagV()
    {
        return (flags() & FLAG_V) != 0;
    }

    /** @return flag W (reserved). Requires {@link #isValid()}. */
    public boolean isFlagW()
    {
        return (flags() & FLAG_W) != 0;
    }

    /**
     * @return flag T: the condition is temporary and the subflow may be retried. Requires
     * {@link #isValid()}.
     */
    public boolean isTransient()
    {
        return (flags() & FLAG_TRANSIENT) != 0;
    }

    /**
     * @return the unsigned 8-bit reason code: one of the REASON_ constants, or an unassigned value.
     * Requires {@link #isValid()}.
     */
    public int reason()
    {
        assert valid;
        return buffer.getByte(offset + REASON_OFFSET) & 0xFF;
    }

    /**
     * Display name of a reason code. The strings are constants, so this allocates nothing.
     *
     * @return e.g. "MIDDLEBOX_INTERFERENCE", or "UNKNOWN" for unassigned codes.
     */
    public static String reasonName(final int reason)
    {
        switch (reason)
        {
            case REASON_UNSPECIFIED:
                return "UNSPECIFIED";
            case REASON_MPTCP_SPECIFIC_ERROR:
                return "MPTCP_SPECIFIC_ERROR";
            case REASON_LACK_OF_RESOURCES:
                return "LACK_OF_RESOURCES";
            case REASON_ADMINISTRATIVELY_PROHIBITED:
                return "ADMINISTRATIVELY_PROHIBITED";
            case REASON_TOO_MUCH_OUTSTANDING_DATA:
                return "TOO_MUCH_OUTSTANDING_DATA";
            case REASON_UNACCEPTABLE_PERFORMANCE:
                return "UNACCEPTABLE_PERFORMANCE";
            case REASON_MIDDLEBOX_INTERFERENCE:
                return "MIDDLEBOX_INTERFERENCE";
            default:
                return "UNKNOWN";
        }
    }
}
