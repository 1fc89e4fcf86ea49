package org.mptcpstat.bench.generate;

import org.agrona.MutableDirectBuffer;
import org.mptcpstat.flowtable.mptcp.MptcpKeys;
import org.mptcpstat.parser.mptcp.AddAddrOption;
import org.mptcpstat.parser.mptcp.DssOption;
import org.mptcpstat.parser.mptcp.MpCapableOption;
import org.mptcpstat.parser.mptcp.MpFastcloseOption;
import org.mptcpstat.parser.mptcp.MpJoinOption;
import org.mptcpstat.parser.mptcp.MpPrioOption;
import org.mptcpstat.parser.mptcp.MptcpSubtype;

import java.nio.ByteOrder;

/**
 * Writes the MPTCP option a script packet asks for (RFC 6824 for v0, RFC 8684 for v1), in the
 * layouts the parser's flyweights read. Tokens, IDSNs and HMACs come from the analyzer's own
 * {@link MptcpKeys}, so keys and joins are exactly as valid as the analyzer can check.
 */
final class MptcpOptionWriter
{
    private static final int KIND_MPTCP = 30;
    private static final int HEADER_LENGTH = 4;
    private static final int HMAC_SHA = MpCapableOption.FLAG_HMAC_SHA;
    private static final int TRUNCATED_HMAC_LENGTH = 8;
    private static final int ADD_ADDR_V0_IPV4 = 4;
    private static final int ADD_ADDR_MESSAGE_LENGTH = 7;
    private static final int MAPPING_FIXED_LENGTH = 6;
    private static final int MAX_HMAC_LENGTH = 32;

    private final MptcpKeys keys = new MptcpKeys();
    private final byte[] hmac = new byte[MAX_HMAC_LENGTH];
    private final byte[] message = new byte[ADD_ADDR_MESSAGE_LENGTH];

    /** @return bytes written at {@code offset}: the option of packet {@code p}, or 0 for none. */
    int write(final Conversation c, final int p, final MutableDirectBuffer buffer, final int offset)
    {
        final PacketScript s = c.script;
        final int sf = s.subflow[p];
        switch (s.option[p])
        {
            case PacketScript.MP_CAPABLE_SYN:
                // v1's SYN carries no key; v0's carries the client's.
                return mpCapable(buffer, offset, c.version,
                    c.version == 0 ? MpCapableOption.LENGTH_SENDER_KEY : MpCapableOption.LENGTH_SYN_V1, c.clientKey, 0);
            case PacketScript.MP_CAPABLE_SYN_ACK:
                return mpCapable(buffer, offset, c.version, MpCapableOption.LENGTH_SENDER_KEY, c.serverKey, 0);
            case PacketScript.MP_CAPABLE_ACK:
                return mpCapable(buffer, offset, c.version, MpCapableOption.LENGTH_BOTH_KEYS, c.clientKey, c.serverKey);
            case PacketScript.MP_JOIN_SYN:
                header(buffer, offset, MpJoinOption.LENGTH_SYN, MptcpSubtype.MP_JOIN,
                    c.backupAtJoin[sf] ? MpJoinOption.FLAG_BACKUP : 0);
                buffer.putByte(offset + 3, (byte)c.addressId[sf]);
                buffer.putInt(offset + 4, c.serverToken, ByteOrder.BIG_ENDIAN);
                buffer.putInt(offset + 8, c.clientRandom[sf], ByteOrder.BIG_ENDIAN);
                return MpJoinOption.LENGTH_SYN;
            case PacketScript.MP_JOIN_SYN_ACK:
                // The server authenticates with the leftmost 64 bits, then sends its random number.
                joinWithHmac(buffer, offset, MpJoinOption.LENGTH_SYN_ACK, TRUNCATED_HMAC_LENGTH, c, false, sf);
                buffer.putInt(offset + 12, c.serverRandom[sf], ByteOrder.BIG_ENDIAN);
                return MpJoinOption.LENGTH_SYN_ACK;
            case PacketScript.MP_JOIN_ACK:
                joinWithHmac(buffer, offset, MpJoinOption.LENGTH_ACK, MpJoinOption.HMAC_LENGTH, c, true, sf);
                return MpJoinOption.LENGTH_ACK;
            case PacketScript.DSS:
                return dss(c, p, buffer, offset);
            case PacketScript.ADD_ADDR:
                return addAddr(c, buffer, offset, false);
            case PacketScript.ADD_ADDR_ECHO:
                return addAddr(c, buffer, offset, true);
            case PacketScript.MP_PRIO:
                return mpPrio(c, sf, buffer, offset);
            case PacketScript.MP_FASTCLOSE:
                header(buffer, offset, MpFastcloseOption.LENGTH, MptcpSubtype.MP_FASTCLOSE, 0);
                buffer.putByte(offset + 3, (byte)0);
                buffer.putLong(offset + 4, c.serverKey, ByteOrder.BIG_ENDIAN);
                return MpFastcloseOption.LENGTH;
            default:
                return 0;
        }
    }

    /** Keys a conversation: tokens and IDSNs as the analyzer derives them. */
    void deriveTokens(final Conversation c)
    {
        keys.hash(c.version, c.clientKey);
        c.clientToken = keys.token();
        c.idsn[PacketScript.C2S] = keys.idsn();
        keys.hash(c.version, c.serverKey);
        c.serverToken = keys.token();
        c.idsn[PacketScript.S2C] = keys.idsn();
    }

    /** MP_CAPABLE with as many keys as {@code length} holds: none, the sender's, or both. */
    private static int mpCapable(final MutableDirectBuffer buffer, final int offset, final int version, final int length,
        final long senderKey, final long receiverKey)
    {
        header(buffer, offset, length, MptcpSubtype.MP_CAPABLE, version);
        buffer.putByte(offset + 3, (byte)HMAC_SHA);
        if (length >= MpCapableOption.LENGTH_SENDER_KEY)
        {
            buffer.putLong(offset + 4, senderKey, ByteOrder.BIG_ENDIAN);
        }
        if (length >= MpCapableOption.LENGTH_BOTH_KEYS)
        {
            buffer.putLong(offset + 12, receiverKey, ByteOrder.BIG_ENDIAN);
        }
        return length;
    }

    private static int dss(final Conversation c, final int p, final MutableDirectBuffer buffer, final int offset)
    {
        final PacketScript s = c.script;
        final int marks = s.marks[p];
        int flags = 0;
        int at = offset + HEADER_LENGTH;
        if ((marks & PacketScript.DATA_ACK) != 0)
        {
            flags |= DssOption.FLAG_DATA_ACK | (c.longDataAck ? DssOption.FLAG_DATA_ACK_8 : 0);
            at = putSequence(buffer, at, s.dataAck[p], c.longDataAck);
        }
        if ((marks & PacketScript.MAPPING) != 0)
        {
            flags |= DssOption.FLAG_MAPPING | (c.longDsn ? DssOption.FLAG_DSN_8 : 0);
            flags |= (marks & PacketScript.DATA_FIN) != 0 ? DssOption.FLAG_DATA_FIN : 0;
            at = putSequence(buffer, at, s.dsn[p], c.longDsn);
            buffer.putInt(at, (int)s.ssn[p], ByteOrder.BIG_ENDIAN);
            buffer.putShort(at + 4, (short)s.mappingLength[p], ByteOrder.BIG_ENDIAN);
            at += MAPPING_FIXED_LENGTH;
        }
        final int length = at - offset;
        header(buffer, offset, length, MptcpSubtype.DSS, 0);
        buffer.putByte(offset + 3, (byte)flags);
        return length;
    }

    /** An MP_JOIN carrying the leading {@code hmacLength} bytes of the sender's HMAC (RFC 8684 3.2). */
    private void joinWithHmac(final MutableDirectBuffer buffer, final int offset, final int length, final int hmacLength,
        final Conversation c, final boolean fromClient, final int sf)
    {
        if (fromClient)
        {
            keys.joinHmac(c.version, c.clientKey, c.serverKey, c.clientRandom[sf], c.serverRandom[sf], hmac);
        }
        else
        {
            keys.joinHmac(c.version, c.serverKey, c.clientKey, c.serverRandom[sf], c.clientRandom[sf], hmac);
        }
        header(buffer, offset, length, MptcpSubtype.MP_JOIN, 0);
        buffer.putByte(offset + 3, (byte)0);
        buffer.putBytes(offset + 4, hmac, 0, hmacLength);
    }

    private static int putSequence(final MutableDirectBuffer buffer, final int at, final long value, final boolean eightBytes)
    {
        if (eightBytes)
        {
            buffer.putLong(at, value, ByteOrder.BIG_ENDIAN);
            return at + 8;
        }
        buffer.putInt(at, (int)value, ByteOrder.BIG_ENDIAN);
        return at + 4;
    }

    /**
     * The server announces its second address with ID 1. v1 authenticates it with the rightmost 64
     * bits of an HMAC keyed by the sender's and the receiver's keys over address ID, address and
     * port (0 when absent), and the client echoes it without HMAC; v0 has neither.
     */
    private int addAddr(final Conversation c, final MutableDirectBuffer buffer, final int offset, final boolean echo)
    {
        final boolean withHmac = c.version == 1 && !echo;
        final int length = HEADER_LENGTH + AddAddrOption.IPV4_ADDRESS_LENGTH + (withHmac ? TRUNCATED_HMAC_LENGTH : 0);
        final int nibble = c.version == 0 ? ADD_ADDR_V0_IPV4 : echo ? AddAddrOption.FLAG_ECHO : 0;
        header(buffer, offset, length, MptcpSubtype.ADD_ADDR, nibble);
        buffer.putByte(offset + 3, (byte)1);
        buffer.putInt(offset + 4, c.announcedAddress, ByteOrder.BIG_ENDIAN);
        if (withHmac)
        {
            message[0] = 1;
            for (int i = 0; i < 4; i++)
            {
                message[1 + i] = (byte)(c.announcedAddress >>> (24 - 8 * i));
            }
            message[5] = 0;
            message[6] = 0;
            keys.hmac(1, c.serverKey, c.clientKey, message, ADD_ADDR_MESSAGE_LENGTH, hmac);
            buffer.putBytes(offset + 8, hmac, MAX_HMAC_LENGTH - TRUNCATED_HMAC_LENGTH, TRUNCATED_HMAC_LENGTH);
        }
        return length;
    }

    /** v1's MP_PRIO applies to the subflow it is sent on; v0 names the subflow's address ID. */
    private static int mpPrio(final Conversation c, final int sf, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = c.version == 0 ? MpPrioOption.LENGTH_WITH_ADDRESS_ID : MpPrioOption.LENGTH_WITHOUT_ADDRESS_ID;
        header(buffer, offset, length, MptcpSubtype.MP_PRIO, MpPrioOption.FLAG_BACKUP);
        if (c.version == 0)
        {
            buffer.putByte(offset + 3, (byte)c.addressId[sf]);
        }
        return length;
    }

    private static void header(final MutableDirectBuffer buffer, final int offset, final int length, final int subtype,
        final int lowNibble)
    {
        buffer.putByte(offset, (byte)KIND_MPTCP);
        buffer.putByte(offset + 1, (byte)length);
        buffer.putByte(offset + 2, (byte)(subtype << 4 | lowNibble));
    }
}
