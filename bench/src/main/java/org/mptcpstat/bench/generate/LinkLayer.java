package org.mptcpstat.bench.generate;

import org.agrona.MutableDirectBuffer;
import org.mptcpstat.parser.packet.LinkType;

import java.nio.ByteOrder;

/**
 * The link layers a generated capture can use, each writing its header in front of an IPv4
 * packet: Ethernet as a router port sees it, Linux cooked v1 and v2 as {@code tcpdump -i any}
 * writes them (packet type "sent by us" for the server's packets, "to us" for the client's).
 */
enum LinkLayer
{
    ETHERNET(LinkType.ETHERNET, 14),
    SLL(LinkType.LINUX_SLL, 16),
    SLL2(LinkType.LINUX_SLL2, 20);

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ARPHRD_ETHER = 1;
    private static final int MAC_LENGTH = 6;
    private static final int PACKET_TO_US = 0;
    private static final int PACKET_OUTGOING = 4;
    private static final long CLIENT_SIDE_MAC = 0x0200_0000_0001L;
    private static final long SERVER_SIDE_MAC = 0x0200_0000_0002L;
    private static final int SLL2_INTERFACE_INDEX = 2;

    private final int linkType;
    private final int headerLength;

    LinkLayer(final int linkType, final int headerLength)
    {
        this.linkType = linkType;
        this.headerLength = headerLength;
    }

    /** @return the LINKTYPE_ number of capture file headers. */
    int linkType()
    {
        return linkType;
    }

    int headerLength()
    {
        return headerLength;
    }

    /** Writes this layer's header at {@code offset}; the IP packet follows at {@code offset + headerLength()}. */
    void writeHeader(final MutableDirectBuffer buffer, final int offset, final boolean fromClient)
    {
        final long sourceMac = fromClient ? CLIENT_SIDE_MAC : SERVER_SIDE_MAC;
        switch (this)
        {
            case ETHERNET:
                putMac(buffer, offset, fromClient ? SERVER_SIDE_MAC : CLIENT_SIDE_MAC);
                putMac(buffer, offset + MAC_LENGTH, sourceMac);
                buffer.putShort(offset + 12, (short)ETHERTYPE_IPV4, ByteOrder.BIG_ENDIAN);
                break;
            case SLL:
                buffer.putShort(offset, (short)(fromClient ? PACKET_TO_US : PACKET_OUTGOING), ByteOrder.BIG_ENDIAN);
                buffer.putShort(offset + 2, (short)ARPHRD_ETHER, ByteOrder.BIG_ENDIAN);
                buffer.putShort(offset + 4, (short)MAC_LENGTH, ByteOrder.BIG_ENDIAN);
                putMac(buffer, offset + 6, sourceMac);
                buffer.putShort(offset + 12, (short)0, ByteOrder.BIG_ENDIAN);
                buffer.putShort(offset + 14, (short)ETHERTYPE_IPV4, ByteOrder.BIG_ENDIAN);
                break;
            case SLL2:
                buffer.putShort(offset, (short)ETHERTYPE_IPV4, ByteOrder.BIG_ENDIAN);
                buffer.putShort(offset + 2, (short)0, ByteOrder.BIG_ENDIAN);
                buffer.putInt(offset + 4, SLL2_INTERFACE_INDEX, ByteOrder.BIG_ENDIAN);
                buffer.putShort(offset + 8, (short)ARPHRD_ETHER, ByteOrder.BIG_ENDIAN);
                buffer.putByte(offset + 10, (byte)(fromClient ? PACKET_TO_US : PACKET_OUTGOING));
                buffer.putByte(offset + 11, (byte)MAC_LENGTH);
                putMac(buffer, offset + 12, sourceMac);
                buffer.putShort(offset + 18, (short)0, ByteOrder.BIG_ENDIAN);
                break;
            default:
                throw new IllegalStateException("no header for " + this);
        }
    }

    private static void putMac(final MutableDirectBuffer buffer, final int offset, final long mac)
    {
        buffer.putShort(offset, (short)(mac >>> 32), ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + 2, (int)mac, ByteOrder.BIG_ENDIAN);
    }
}
