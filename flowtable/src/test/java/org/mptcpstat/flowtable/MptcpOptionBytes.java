package org.mptcpstat.flowtable;

import java.util.ArrayList;
import java.util.List;

/** MPTCP options written out byte by byte (RFC 8684 section 3), as the harness's option lists. */
final class MptcpOptionBytes
{
    private final List<Integer> bytes = new ArrayList<>();

    private MptcpOptionBytes()
    {
    }

    static int[] mpCapable(final int version, final int flags, final long... keys)
    {
        return new MptcpOptionBytes().header(4 + 8 * keys.length, 0, version).add(flags).keys(keys).array();
    }

    /** v1 MP_CAPABLE on the third ACK with data: both keys and the data-level length. */
    static int[] mpCapableWithData(final long senderKey, final long receiverKey, final int dataLength)
    {
        return new MptcpOptionBytes().header(22, 0, 1).add(0x01).keys(senderKey, receiverKey).big(dataLength, 2).array();
    }

    /**
     * @param flags DSS flags: 0x01 DATA_ACK present, 0x02 it is 8 bytes, 0x04 mapping present,
     *              0x08 DSN is 8 bytes, 0x10 DATA_FIN.
     */
    static int[] dss(final int flags, final long dataAck, final long dsn, final long ssn, final int length)
    {
        final int ackLength = (flags & 0x01) == 0 ? 0 : (flags & 0x02) != 0 ? 8 : 4;
        final int mapLength = (flags & 0x04) == 0 ? 0 : ((flags & 0x08) != 0 ? 8 : 4) + 6;
        final MptcpOptionBytes option = new MptcpOptionBytes().header(4 + ackLength + mapLength, 2, 0).add(flags);
        if (ackLength > 0)
        {
            option.big(dataAck, ackLength);
        }
        if (mapLength > 0)
        {
            option.big(dsn, mapLength - 6).big(ssn, 4).big(length, 2);
        }
        return option.array();
    }

    static int[] joinSyn(final boolean backup, final int addressId, final int token, final int random)
    {
        return new MptcpOptionBytes().header(12, 1, backup ? 1 : 0).add(addressId).big(token, 4).big(random, 4).array();
    }

    static int[] joinSynAck(final boolean backup, final int addressId, final long truncatedHmac, final int random)
    {
        return new MptcpOptionBytes().header(16, 1, backup ? 1 : 0).add(addressId).big(truncatedHmac, 8)
            .big(random, 4).array();
    }

    static int[] joinAck(final byte[] hmac)
    {
        final MptcpOptionBytes option = new MptcpOptionBytes().header(24, 1, 0).add(0);
        for (int i = 0; i < 20; i++)
        {
            option.add(hmac[i]);
        }
        return option.array();
    }

    static int[] removeAddr(final int... ids)
    {
        final MptcpOptionBytes option = new MptcpOptionBytes().header(3 + ids.length, 4, 0);
        for (final int id : ids)
        {
            option.add(id);
        }
        return option.array();
    }

    static int[] mpPrio(final boolean backup)
    {
        return new MptcpOptionBytes().header(3, 5, backup ? 1 : 0).array();
    }

    static int[] concat(final int[]... options)
    {
        final List<Integer> all = new ArrayList<>();
        for (final int[] option : options)
        {
            for (final int b : option)
            {
                all.add(b);
            }
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    private MptcpOptionBytes header(final int length, final int subtype, final int low)
    {
        return add(30).add(length).add(subtype << 4 | low);
    }

    private MptcpOptionBytes keys(final long... keys)
    {
        for (final long key : keys)
        {
            big(key, 8);
        }
        return this;
    }

    private MptcpOptionBytes big(final long value, final int length)
    {
        for (int shift = (length - 1) * 8; shift >= 0; shift -= 8)
        {
            add((int)(value >>> shift));
        }
        return this;
    }

    private MptcpOptionBytes add(final int b)
    {
        bytes.add(b & 0xFF);
        return this;
    }

    private int[] array()
    {
        return bytes.stream().mapToInt(Integer::intValue).toArray();
    }
}
