package org.mptcpstat.parser.mptcp;

import org.agrona.DirectBuffer;

/**
 * One flyweight of each MPTCP option type, and a {@link #wrap(DirectBuffer, int, int, int)} that
 * points the right one at an option, so a packet loop decodes every MPTCP option without allocating.
 *
 * <pre>{@code
 * final MptcpOptionDecoder decoder = new MptcpOptionDecoder();   // once per thread
 * ...
 * switch (decoder.wrap(buffer, optionOffset, optionLength, connectionVersion))
 * {
 *     case MptcpSubtype.DSS:
 *         final DssOption dss = decoder.dss();
 *         if (dss.isValid() && dss.hasMapping()) { ... }
 *         break;
 *     ...
 * }
 * }</pre>
 *
 * Only the flyweight for the returned subtype is re-pointed; the others keep whatever they were last
 * wrapped on, so read only the one the last {@code wrap} named.
 */
public final class MptcpOptionDecoder
{
    private final MpCapableOption mpCapable = new MpCapableOption();
    private final MpJoinOption mpJoin = new MpJoinOption();
    private final DssOption dss = new DssOption();
    private final AddAddrOption addAddr = new AddAddrOption();
    private final RemoveAddrOption removeAddr = new RemoveAddrOption();
    private final MpPrioOption mpPrio = new MpPrioOption();
    private final MpFailOption mpFail = new MpFailOption();
    private final MpFastcloseOption mpFastclose = new MpFastcloseOption();
    private final MpTcpRstOption mpTcpRst = new MpTcpRstOption();

    private int subtype = MptcpSubtype.NONE;
    private boolean valid;

    /**
     * Read the subtype of an option and wrap the matching flyweight.
     *
     * @param buffer       holding the option.
     * @param offset       index of the kind byte (30).
     * @param length       the option's length byte, at least 2, already checked to fit.
     * @param mptcpVersion the connection's MPTCP version (0 or 1), or {@link AddAddrOption#VERSION_UNKNOWN};
     *                     only ADD_ADDR needs it, as it is the one option whose layout the version changes
     *                     without saying so.
     * @return the subtype, 0x0..0xF, or {@link MptcpSubtype#NONE} for a 2-byte option. For
     * {@link MptcpSubtype#NONE} and subtypes without a defined format no flyweight is wrapped and
     * {@link #isValid()} is false.
     */
    public int wrap(final DirectBuffer buffer, final int offset, final int length, final int mptcpVersion)
    {
        subtype = MptcpSubtype.of(buffer, offset, length);
        switch (subtype)
        {
            case MptcpSubtype.MP_CAPABLE:
                valid = mpCapable.wrap(buffer, offset, length).isValid();
                break;
            case MptcpSubtype.MP_JOIN:
                valid = mpJoin.wrap(buffer, offset, length).isValid();
                break;
            case MptcpSubtype.DSS:
                valid = dss.wrap(buffer, offset, length).isValid();
                break;
            case MptcpSubtype.ADD_ADDR:
                valid = addAddr.wrap(buffer, offset, length, mptcpVersion).isValid();
                break;
            case MptcpSubtype.REMOVE_ADDR:
                valid = removeAddr.wrap(buffer, offset, length).isValid();
                break;
            case MptcpSubtype.MP_PRIO:
                valid = mpPrio.wrap(buffer, offset, length).isValid();
                break;
            case MptcpSubtype.MP_FAIL:
                valid = mpFail.wrap(buffer, offset, length).isValid();
                break;
            case MptcpSubtype.MP_FASTCLOSE:
                valid = mpFastclose.wrap(buffer, offset, length).isValid();
                break;
            case MptcpSubtype.MP_TCPRST:
                valid = mpTcpRst.wrap(buffer, offset, length).isValid();
                break;
            default:
                valid = false;
                break;
        }
        return subtype;
    }

    /** @return the subtype returned by the last {@link #wrap(DirectBuffer, int, int, int)}. */
    public int subtype()
    {
        return subtype;
    }

    /** @return whether the last option wrapped has a defined subtype and is valid for it. */
    public boolean isValid()
    {
        return valid;
    }

    /** @return the MP_CAPABLE flyweight; current only after a wrap that returned MP_CAPABLE. */
    public MpCapableOption mpCapable()
    {
        return mpCapable;
    }

    /** @return the MP_JOIN flyweight; current only after a wrap that returned MP_JOIN. */
    public MpJoinOption mpJoin()
    {
        return mpJoin;
    }

    /** @return the DSS flyweight; current only after a wrap that returned DSS. */
    public DssOption dss()
    {
        return dss;
    }

    /** @return the ADD_ADDR flyweight; current only after a wrap that returned ADD_ADDR. */
    public AddAddrOption addAddr()
    {
        return addAddr;
    }

    /** @return the REMOVE_ADDR flyweight; current only after a wrap that returned REMOVE_ADDR. */
    public RemoveAddrOption removeAddr()
    {
        return removeAddr;
    }

    /** @return the MP_PRIO flyweight; current only after a wrap that returned MP_PRIO. */
    public MpPrioOption mpPrio()
    {
        return mpPrio;
    }

    /** @return the MP_FAIL flyweight; current only after a wrap that returned MP_FAIL. */
    public MpFailOption mpFail()
    {
        return mpFail;
    }

    /** @return the MP_FASTCLOSE flyweight; current only after a wrap that returned MP_FASTCLOSE. */
    public MpFastcloseOption mpFastclose()
    {
        return mpFastclose;
    }

    /** @return the MP_TCPRST flyweight; current only after a wrap that returned MP_TCPRST. */
    public MpTcpRstOption mpTcpRst()
    {
        return mpTcpRst;
    }
}
