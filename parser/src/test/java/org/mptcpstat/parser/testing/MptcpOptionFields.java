package org.mptcpstat.parser.testing;

import org.mptcpstat.parser.mptcp.AddAddrOption;
import org.mptcpstat.parser.mptcp.DssOption;
import org.mptcpstat.parser.mptcp.MpCapableOption;
import org.mptcpstat.parser.mptcp.MpJoinOption;
import org.mptcpstat.parser.mptcp.MpPrioOption;
import org.mptcpstat.parser.mptcp.MpTcpRstOption;
import org.mptcpstat.parser.mptcp.MptcpOptionDecoder;
import org.mptcpstat.parser.mptcp.MptcpSubtype;
import org.mptcpstat.parser.mptcp.RemoveAddrOption;

/**
 * Reads every field of the option an {@link MptcpOptionDecoder} last wrapped, each one only where
 * the flyweight contract allows it (valid, and behind its {@code hasXxx()} or form guard). Given a
 * buffer that ends where the option ends, an accessor that reads outside its option throws; and
 * with {@code -ea} (Surefire's default) a read the contract forbids trips the flyweights' own
 * assertions, so this class cannot drift from the contract unnoticed.
 */
public final class MptcpOptionFields
{
    private static final int LONGEST_FIELD = 20;

    private final byte[] scratch = new byte[LONGEST_FIELD];

    public void readAll(final MptcpOptionDecoder decoder)
    {
        if (!decoder.isValid())
        {
            // The one accessor the contract allows on an invalid option, so that its version can be reported.
            if (decoder.subtype() == MptcpSubtype.MP_CAPABLE && decoder.mpCapable().length() >= 3)
            {
                decoder.mpCapable().version();
            }
            return;
        }
        switch (decoder.subtype())
        {
            case MptcpSubtype.MP_CAPABLE -> mpCapable(decoder.mpCapable());
            case MptcpSubtype.MP_JOIN -> mpJoin(decoder.mpJoin());
            case MptcpSubtype.DSS -> dss(decoder.dss());
            case MptcpSubtype.ADD_ADDR -> addAddr(decoder.addAddr());
            case MptcpSubtype.REMOVE_ADDR -> removeAddr(decoder.removeAddr());
            case MptcpSubtype.MP_PRIO -> mpPrio(decoder.mpPrio());
            case MptcpSubtype.MP_FAIL -> decoder.mpFail().dataSequenceNumber();
            case MptcpSubtype.MP_FASTCLOSE -> decoder.mpFastclose().receiverKey();
            case MptcpSubtype.MP_TCPRST -> mpTcpRst(decoder.mpTcpRst());
            default -> throw new AssertionError("valid option of undefined subtype " + decoder.subtype());
        }
    }

    private static void mpCapable(final MpCapableOption option)
    {
        option.version();
        option.flags();
        option.isChecksumRequired();
        option.isExtensibility();
        option.isNoNewSubflowsToSource();
        option.isHmacSha();
        if (option.hasSenderKey())
        {
            option.senderKey();
        }
        if (option.hasReceiverKey())
        {
            option.receiverKey();
        }
        if (option.hasDataLevelLength())
        {
            option.dataLevelLength();
        }
        if (option.hasChecksum())
        {
            option.checksum();
        }
    }

    private void mpJoin(final MpJoinOption option)
    {
        switch (option.form())
        {
            case SYN -> option.receiverToken();
            case SYN_ACK -> option.truncatedHmac();
            case ACK ->
            {
                option.hmacLeading64();
                option.getHmac(scratch, 0);
            }
            case INVALID -> throw new AssertionError("valid MP_JOIN without a form");
        }
        if (option.form() != MpJoinOption.Form.ACK)
        {
            option.isBackup();
            option.addressId();
            option.senderRandom();
        }
    }

    private static void dss(final DssOption option)
    {
        option.flags();
        option.isDataFin();
        option.isInfiniteMapping();
        if (option.hasDataAck())
        {
            option.isDataAck8();
            option.dataAck();
        }
        if (option.hasMapping())
        {
            option.isDsn8();
            option.dataSequenceNumber();
            option.subflowSequenceNumber();
            option.dataLevelLength();
        }
        if (option.hasChecksum())
        {
            option.checksum();
        }
    }

    private void addAddr(final AddAddrOption option)
    {
        option.mptcpVersion();
        option.isVersionInferred();
        option.isEcho();
        option.addressId();
        option.addressLength();
        option.getAddress(scratch, 0);
        if (option.ipVersion() == 4)
        {
            option.ipv4Address();
        }
        else
        {
            option.ipv6AddressHigh();
            option.ipv6AddressLow();
        }
        if (option.hasPort())
        {
            option.port();
        }
        if (option.hasHmac())
        {
            option.truncatedHmac();
        }
    }

    private static void removeAddr(final RemoveAddrOption option)
    {
        for (int i = 0; i < option.count(); i++)
        {
            option.addressId(i);
        }
    }

    private static void mpPrio(final MpPrioOption option)
    {
        option.isBackup();
        if (option.hasAddressId())
        {
            option.addressId();
        }
    }

    private static void mpTcpRst(final MpTcpRstOption option)
    {
        option.flags();
        option.reason();
        option.isFlagU();
        option.isFlagV();
        option.isFlagW();
        option.isTransient();
    }
}
