package org.mptcpstat.cli.decode;

import org.agrona.DirectBuffer;
import org.mptcpstat.emitters.AsciiWriter;
import org.mptcpstat.parser.mptcp.AddAddrOption;
import org.mptcpstat.parser.mptcp.DssOption;
import org.mptcpstat.parser.mptcp.MpCapableOption;
import org.mptcpstat.parser.mptcp.MpJoinOption;
import org.mptcpstat.parser.mptcp.MptcpOptionDecoder;
import org.mptcpstat.parser.mptcp.MptcpSubtype;
import org.mptcpstat.parser.mptcp.RemoveAddrOption;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Formats one decoded packet as a {@code decode} line. Each column collects its values in its
 * own reusable cell, in the order tshark adds them (options in packet order, and within an MPTCP
 * option the order of its bytes), joined by commas; then the chosen columns are written out.
 * <p>
 * Values of malformed MPTCP options (a length the RFCs do not allow) are not shown beyond the
 * subtype and, where present, the flags byte: tshark prints whatever bytes are there, mptcpstat
 * does not interpret bytes whose meaning is unknown.
 */
final class DecodeRow
{
    private static final int CELL_CAPACITY = 512;
    /** MP_JOIN's third-ACK HMAC is 20 bytes; other subtypes do not reach this buffer. */
    private static final int HMAC_LENGTH = 20;

    private final ByteArrayOutputStream[] cellBytes = new ByteArrayOutputStream[DecodeColumn.values().length];
    private final AsciiWriter[] cells = new AsciiWriter[DecodeColumn.values().length];
    private final int[] valueCounts = new int[DecodeColumn.values().length];
    private final MptcpOptionDecoder mptcp = new MptcpOptionDecoder();
    private final byte[] hmac = new byte[HMAC_LENGTH];

    DecodeRow()
    {
        for (int i = 0; i < cells.length; i++)
        {
            cellBytes[i] = new ByteArrayOutputStream(CELL_CAPACITY);
            cells[i] = new AsciiWriter(cellBytes[i], CELL_CAPACITY);
        }
    }

    /** Fills every column from the packet. */
    void fill(final TcpPacket packet) throws IOException
    {
        for (int i = 0; i < cells.length; i++)
        {
            cellBytes[i].reset();
            valueCounts[i] = 0;
        }
        value(DecodeColumn.FRAME).putLong(packet.frameNumber());
        value(DecodeColumn.TIME).putEpochNanos(packet.timestampNanos());
        address(value(DecodeColumn.SRC), packet.ipVersion(), packet.sourceHigh(), packet.sourceLow());
        value(DecodeColumn.SPORT).putLong(packet.sourcePort());
        address(value(DecodeColumn.DST), packet.ipVersion(), packet.destinationHigh(), packet.destinationLow());
        value(DecodeColumn.DPORT).putLong(packet.destinationPort());
        value(DecodeColumn.SEQ).putLong(packet.sequenceNumber());
        value(DecodeColumn.ACK).putLong(packet.acknowledgmentNumber());
        value(DecodeColumn.FLAGS).putAscii("0x").putHex(packet.flags(), 4);
        value(DecodeColumn.WINDOW).putLong(packet.window());
        if (!packet.firstFragment())
        {
            // tshark shows no length for the first fragment: the segment's length is unknown there.
            value(DecodeColumn.PAYLOAD_LENGTH).putLong(packet.payloadLength());
        }
        fillTcpOptions(packet);
        for (int i = 0; i < packet.mptcpOptionCount(); i++)
        {
            fillMptcpOption(packet.buffer(), packet.mptcpOptionOffset(i), packet.mptcpOptionLength(i));
        }
    }

    private void fillTcpOptions(final TcpPacket packet) throws IOException
    {
        if (packet.mss() >= 0)
        {
            value(DecodeColumn.MSS).putLong(packet.mss());
        }
        if (packet.windowScale() >= 0)
        {
            value(DecodeColumn.WSCALE).putLong(packet.windowScale());
        }
        for (int i = 0; i < packet.sackPermittedOptions(); i++)
        {
            value(DecodeColumn.SACK_PERM).putByte('1');
        }
        if (packet.hasTimestamps())
        {
            value(DecodeColumn.TSVAL).putLong(packet.timestampValue());
            value(DecodeColumn.TSECR).putLong(packet.timestampEcho());
        }
        for (int i = 0; i < packet.sackBlockCount(); i++)
        {
            value(DecodeColumn.SACK_LE).putLong(packet.sackLeft(i));
            value(DecodeColumn.SACK_RE).putLong(packet.sackRight(i));
        }
    }

    private void fillMptcpOption(final DirectBuffer buffer, final int offset, final int length) throws IOException
    {
        final int subtype = mptcp.wrap(buffer, offset, length, AddAddrOption.VERSION_UNKNOWN);
        if (subtype == MptcpSubtype.NONE)
        {
            return;
        }
        final int subtypeByte = buffer.getByte(offset + 2) & 0xFF;
        value(DecodeColumn.MPTCP_SUBTYPE).putLong(subtype);
        final boolean valid = mptcp.isValid();
        switch (subtype)
        {
            case MptcpSubtype.MP_CAPABLE:
                value(DecodeColumn.MPTCP_VERSION).putLong(subtypeByte & 0x0F);
                flagsByte(buffer, offset, length, 3);
                if (valid)
                {
                    mpCapable(mptcp.mpCapable());
                }
                break;
            case MptcpSubtype.MP_JOIN:
                if (valid)
                {
                    mpJoin(mptcp.mpJoin(), subtypeByte);
                }
                break;
            case MptcpSubtype.DSS:
                if (flagsByte(buffer, offset, length, 3))
                {
                    value(DecodeColumn.MPTCP_DATAFIN).putLong((buffer.getByte(offset + 3) >>> 4) & 1);
                }
                if (valid)
                {
                    dss(mptcp.dss());
                }
                break;
            case MptcpSubtype.ADD_ADDR:
                if (valid)
                {
                    addAddr(mptcp.addAddr(), subtypeByte);
                }
                break;
            case MptcpSubtype.REMOVE_ADDR:
                if (valid)
                {
                    final RemoveAddrOption removeAddr = mptcp.removeAddr();
                    for (int i = 0; i < removeAddr.count(); i++)
                    {
                        value(DecodeColumn.MPTCP_ADDRID).putLong(removeAddr.addressId(i));
                    }
                }
                break;
            case MptcpSubtype.MP_PRIO:
                if (valid)
                {
                    value(DecodeColumn.MPTCP_FLAGS).putAscii("0x").putHex(subtypeByte, 2);
                    value(DecodeColumn.MPTCP_BACKUP).putLong(mptcp.mpPrio().isBackup() ? 1 : 0);
                    if (mptcp.mpPrio().hasAddressId())
                    {
                        value(DecodeColumn.MPTCP_ADDRID).putLong(mptcp.mpPrio().addressId());
                    }
                }
                break;
            case MptcpSubtype.MP_FAIL:
                if (valid)
                {
                    value(DecodeColumn.MPTCP_DSN).putUnsignedLong(mptcp.mpFail().dataSequenceNumber());
                }
                break;
            case MptcpSubtype.MP_FASTCLOSE:
                if (valid)
                {
                    value(DecodeColumn.MPTCP_RECVKEY).putUnsignedLong(mptcp.mpFastclose().receiverKey());
                }
                break;
            case MptcpSubtype.MP_TCPRST:
                if (valid)
                {
                    value(DecodeColumn.MPTCP_FLAGS).putAscii("0x").putHex(subtypeByte, 2);
                    value(DecodeColumn.MPTCP_RST_REASON).putAscii("0x").putHex(mptcp.mpTcpRst().reason(), 2);
                }
                break;
            default:
                break;
        }
    }

    /** Shows the option's flags byte when the option is long enough to have one. */
    private boolean flagsByte(final DirectBuffer buffer, final int offset, final int length, final int at)
        throws IOException
    {
        if (length <= at)
        {
            return false;
        }
        value(DecodeColumn.MPTCP_FLAGS).putAscii("0x").putHex(buffer.getByte(offset + at) & 0xFF, 2);
        return true;
    }

    private void mpCapable(final MpCapableOption option) throws IOException
    {
        if (option.hasSenderKey())
        {
            value(DecodeColumn.MPTCP_SENDKEY).putUnsignedLong(option.senderKey());
        }
        if (option.hasReceiverKey())
        {
            value(DecodeColumn.MPTCP_RECVKEY).putUnsignedLong(option.receiverKey());
        }
        if (option.hasDataLevelLength())
        {
            value(DecodeColumn.MPTCP_DLL).putLong(option.dataLevelLength());
        }
        if (option.hasChecksum())
        {
            value(DecodeColumn.MPTCP_CHECKSUM).putAscii("0x").putHex(option.checksum(), 4);
        }
    }

    private void mpJoin(final MpJoinOption option, final int subtypeByte) throws IOException
    {
        switch (option.form())
        {
            case SYN:
                joinFlags(option, subtypeByte);
                value(DecodeColumn.MPTCP_RECVTOK).putLong(option.receiverToken());
                value(DecodeColumn.MPTCP_SENDRAND).putLong(option.senderRandom());
                break;
            case SYN_ACK:
                joinFlags(option, subtypeByte);
                value(DecodeColumn.MPTCP_SENDTRUNCHMAC).putUnsignedLong(option.truncatedHmac());
                value(DecodeColumn.MPTCP_SENDRAND).putLong(option.senderRandom());
                break;
            case ACK:
                option.getHmac(hmac, 0);
                final AsciiWriter cell = value(DecodeColumn.MPTCP_SENDHMAC);
                for (final byte b : hmac)
                {
                    cell.putHex(b, 2);
                }
                break;
            default:
                break;
        }
    }

    /** tshark shows MP_JOIN's whole third byte (subtype nibble included) as its flags. */
    private void joinFlags(final MpJoinOption option, final int subtypeByte) throws IOException
    {
        value(DecodeColumn.MPTCP_FLAGS).putAscii("0x").putHex(subtypeByte, 2);
        value(DecodeColumn.MPTCP_BACKUP).putLong(option.isBackup() ? 1 : 0);
        value(DecodeColumn.MPTCP_ADDRID).putLong(option.addressId());
    }

    /**
     * tshark 4.0 shows a DSS checksum only when the option is longer than any valid DSS, so the
     * checksum column stays empty for DSS options, as in the golden files.
     */
    private void dss(final DssOption option) throws IOException
    {
        if (option.hasDataAck())
        {
            value(DecodeColumn.MPTCP_DATA_ACK).putUnsignedLong(option.dataAck());
        }
        if (option.hasMapping())
        {
            value(DecodeColumn.MPTCP_DSN).putUnsignedLong(option.dataSequenceNumber());
            value(DecodeColumn.MPTCP_SSN).putLong(option.subflowSequenceNumber());
            value(DecodeColumn.MPTCP_DLL).putLong(option.dataLevelLength());
        }
    }

    /**
     * The IP-version nibble of a v0 ADD_ADDR shares its bits with v1's echo flag: tshark shows
     * {@code ipver} when the nibble says 4 or 6, {@code echo} otherwise.
     */
    private void addAddr(final AddAddrOption option, final int subtypeByte) throws IOException
    {
        final int nibble = subtypeByte & 0x0F;
        if (nibble == 4 || nibble == 6)
        {
            value(DecodeColumn.MPTCP_IPVER).putLong(nibble);
        }
        else
        {
            value(DecodeColumn.MPTCP_ECHO).putLong(subtypeByte & 1);
        }
        value(DecodeColumn.MPTCP_ADDRID).putLong(option.addressId());
        if (option.ipVersion() == 4)
        {
            value(DecodeColumn.MPTCP_IPV4).putIpv4(option.ipv4Address() & 0xFFFF_FFFFL);
        }
        else
        {
            value(DecodeColumn.MPTCP_IPV6).putIpv6(option.ipv6AddressHigh(), option.ipv6AddressLow());
        }
        if (option.hasPort())
        {
            value(DecodeColumn.MPTCP_PORT).putLong(option.port());
        }
        if (option.hasHmac())
        {
            value(DecodeColumn.MPTCP_ADDADDR_HMAC).putUnsignedLong(option.truncatedHmac());
        }
    }

    private static void address(final AsciiWriter cell, final int ipVersion, final long high, final long low)
        throws IOException
    {
        if (ipVersion == 4)
        {
            cell.putIpv4(low);
        }
        else
        {
            cell.putIpv6(high, low);
        }
    }

    /** @return the cell of a column, positioned after a separating comma if it already has a value. */
    private AsciiWriter value(final DecodeColumn column) throws IOException
    {
        final int i = column.ordinal();
        if (valueCounts[i]++ > 0)
        {
            cells[i].putByte(',');
        }
        return cells[i];
    }

    /** Writes the chosen columns, tab-separated, as one line. */
    void writeTo(final DecodeColumn[] columns, final OutputStream out) throws IOException
    {
        for (int c = 0; c < columns.length; c++)
        {
            if (c > 0)
            {
                out.write('\t');
            }
            final int i = columns[c].ordinal();
            cells[i].flush();
            cellBytes[i].writeTo(out);
        }
        out.write('\n');
    }
}
