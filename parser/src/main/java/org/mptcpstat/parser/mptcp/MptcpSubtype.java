package org.mptcpstat.parser.mptcp;

import org.agrona.DirectBuffer;

/**
 * MPTCP option subtypes (the upper nibble of the third byte of every kind-30 option).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-----------------------+
 * |     Kind=30   |    Length     |Subtype| (subtype-specific)    |
 * +---------------+---------------+-------+-----------------------+
 * </pre>
 *
 * Values 0x0..0x8 are defined by RFC 8684 (0x0..0x7 already by RFC 6824); 0xF is reserved for
 * private use (MP_EXPERIMENTAL), and 0x9..0xE are unassigned.
 */
public final class MptcpSubtype
{
    public static final int MP_CAPABLE = 0x0;
    public static final int MP_JOIN = 0x1;
    public static final int DSS = 0x2;
    public static final int ADD_ADDR = 0x3;
    public static final int REMOVE_ADDR = 0x4;
    public static final int MP_PRIO = 0x5;
    public static final int MP_FAIL = 0x6;
    public static final int MP_FASTCLOSE = 0x7;
    public static final int MP_TCPRST = 0x8;
    /** Reserved for private use by RFC 8684; carries no format this package can decode. */
    public static final int MP_EXPERIMENTAL = 0xF;

    /** Returned by {@link #of(DirectBuffer, int, int)} for a 2-byte option, which has no subtype byte. */
    public static final int NONE = -1;

    /** Shortest option that carries a subtype nibble: kind, length, subtype byte. */
    public static final int MIN_LENGTH = 3;

    private static final int SUBTYPE_OFFSET = 2;

    private MptcpSubtype()
    {
    }

    /**
     * Subtype of the option whose kind byte is at {@code optionOffset}.
     * <p>
     * Precondition: the option's length is at least {@link #MIN_LENGTH}. A 2-byte option has no third
     * byte, and reading one would step into the next option; use {@link #of(DirectBuffer, int, int)}
     * when the length has not been checked.
     *
     * @return 0x0..0xF.
     */
    public static int of(final DirectBuffer buffer, final int optionOffset)
    {
        return (buffer.getByte(optionOffset + SUBTYPE_OFFSET) & 0xFF) >>> 4;
    }

    /**
     * Subtype of the option, or {@link #NONE} when {@code optionLength < MIN_LENGTH} (a bare
     * {@code 1e 02} is legal TCP but not a meaningful MPTCP option).
     *
     * @return 0x0..0xF, or {@link #NONE}.
     */
    public static int of(final DirectBuffer buffer, final int optionOffset, final int optionLength)
    {
        return optionLength < MIN_LENGTH ? NONE : of(buffer, optionOffset);
    }

    /**
     * @return whether RFC 6824 / RFC 8684 define a wire format for {@code subtype} (0x0..0x8).
     */
    public static boolean isDefined(final int subtype)
    {
        return subtype >= MP_CAPABLE && subtype <= MP_TCPRST;
    }

    /**
     * Display name: the RFC's name for the subtype, or "UNKNOWN" for unassigned values and
     * {@link #NONE}. The strings are constants, so this allocates nothing.
     */
    public static String name(final int subtype)
    {
        switch (subtype)
        {
            case MP_CAPABLE:
                return "MP_CAPABLE";
            case MP_JOIN:
                return "MP_JOIN";
            case DSS:
                return "DSS";
            case ADD_ADDR:
                return "ADD_ADDR";
            case REMOVE_ADDR:
                return "REMOVE_ADDR";
            case MP_PRIO:
                return "MP_PRIO";
            case MP_FAIL:
                return "MP_FAIL";
            case MP_FASTCLOSE:
                return "MP_FASTCLOSE";
            case MP_TCPRST:
                return "MP_TCPRST";
            case MP_EXPERIMENTAL:
                return "MP_EXPERIMENTAL";
            default:
                return "UNKNOWN";
        }
    }
}
