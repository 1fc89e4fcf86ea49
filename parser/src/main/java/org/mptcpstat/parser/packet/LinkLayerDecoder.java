package org.mptcpstat.parser.packet;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Finds where the IP header starts behind each supported link-layer header, and which IP
 * version the link layer announces. After {@link #decode} returns true, {@link #networkOffset()}
 * and {@link #ipVersion()} hold the answer; {@code ipVersion} is 0 for a non-IP payload.
 * <pre>
 * Ethernet (1): dst MAC (6) | src MAC (6) | [802.1Q/802.1ad tag: TPID (2) TCI (2)]* | EtherType (2)
 * Linux cooked v1 (113): packet type (2) | ARPHRD (2) | addr len (2) | addr (8) | protocol (2)
 * Linux cooked v2 (276): protocol (2) | reserved (2) | ifindex (4) | ARPHRD (2) | type (1) |
 *                        addr len (1) | addr (8)
 * NULL (0): address family, 4 bytes in the writer's byte order; LOOP (108): the same, big-endian
 * PPP (9): [0xFF 0x03] | protocol (1 byte when compressed, else 2)
 * Raw IP (12, 14, 101, 228, 229): the IP header itself
 * </pre>
 */
public final class LinkLayerDecoder
{
    private static final int ETHERNET_TYPE_OFFSET = 12;
    private static final int ETHERNET_HEADER_LENGTH = 14;
    private static final int VLAN_TAG_LENGTH = 4;
    /** Q-in-Q stacks rarely exceed two tags; a few more guard against loops on garbage. */
    private static final int MAX_VLAN_TAGS = 8;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;

    private static final int SLL_PROTOCOL_OFFSET = 14;
    private static final int SLL_HEADER_LENGTH = 16;
    private static final int SLL2_PROTOCOL_OFFSET = 0;
    private static final int SLL2_HEADER_LENGTH = 20;

    private static final int NULL_HEADER_LENGTH = 4;
    private static final int AF_INET = 2;
    /** AF_INET6 differs between BSDs (NetBSD/OpenBSD, FreeBSD, macOS) and Linux. */
    private static final int AF_INET6_BSD = 24;
    private static final int AF_INET6_FREEBSD = 28;
    private static final int AF_INET6_DARWIN = 30;
    private static final int AF_INET6_LINUX = 10;

    private static final int PPP_ADDRESS = 0xFF;
    private static final int PPP_CONTROL = 0x03;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;

    private int networkOffset;
    private int ipVersion;

    /**
     * @param buffer    packet bytes.
     * @param offset    index of the first link-layer byte.
     * @param available captured bytes from {@code offset}.
     * @param linkType  LINKTYPE_ value of the record.
     * @return false for an unsupported link type; true otherwise, even when the header was cut
     * short (then {@link #ipVersion()} is 0).
     */
    public boolean decode(final DirectBuffer buffer, final int offset, final int available, final int linkType)
    {
        ipVersion = 0;
        networkOffset = offset;
        switch (linkType)
        {
            case LinkType.ETHERNET:
                ethernet(buffer, offset, available);
                return true;
            case LinkType.LINUX_SLL:
                cooked(buffer, offset, available, SLL_PROTOCOL_OFFSET, SLL_HEADER_LENGTH);
                return true;
            case LinkType.LINUX_SLL2:
                cooked(buffer, offset, available, SLL2_PROTOCOL_OFFSET, SLL2_HEADER_LENGTH);
                return true;
            case LinkType.RAW:
            case LinkType.RAW_BSD_12:
            case LinkType.RAW_BSD_14:
                raw(buffer, offset, available);
                return true;
            case LinkType.IPV4:
                ipVersion = 4;
                return true;
            case LinkType.IPV6:
                ipVersion = 6;
                return true;
            case LinkType.NULL:
                addressFamily(buffer, offset, available, false);
                return true;
            case LinkType.LOOP:
                addressFamily(buffer, offset, available, true);
                return true;
            case LinkType.PPP:
                ppp(buffer, offset, available);
                return true;
            default:
                return false;
        }
    }

    private void ethernet(final DirectBuffer buffer, final int offset, final int available)
    {
        int typeAt = ETHERNET_TYPE_OFFSET;
        for (int tags = 0; tags <= MAX_VLAN_TAGS && typeAt + 2 <= available; tags++)
        {
            final int etherType = buffer.getShort(offset + typeAt, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (etherType != ETHERTYPE_VLAN && etherType != ETHERTYPE_QINQ && etherType != ETHERTYPE_QINQ_OLD)
            {
                fromEtherType(etherType, offset + typeAt + 2);
                return;
            }
            typeAt += VLAN_TAG_LENGTH;
        }
    }

    private void cooked(
        final DirectBuffer buffer, final int offset, final int available, final int protocolOffset, final int headerLength)
    {
        if (available < headerLength)
        {
            return;
        }
        final int protocol = buffer.getShort(offset + protocolOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        if (protocol == ETHERTYPE_VLAN && available >= headerLength + VLAN_TAG_LENGTH)
        {
            // A cooked capture keeps the tag when the VLAN was not stripped by the driver.
            fromEtherType(buffer.getShort(offset + headerLength + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF,
                offset + headerLength + VLAN_TAG_LENGTH);
            return;
        }
        fromEtherType(protocol, offset + headerLength);
    }

    private void fromEtherType(final int etherType, final int next)
    {
        if (etherType == ETHERTYPE_IPV4)
        {
            ipVersion = 4;
        }
        else if (etherType == ETHERTYPE_IPV6)
        {
            ipVersion = 6;
        }
        networkOffset = next;
    }

    private void raw(final DirectBuffer buffer, final int offset, final int available)
    {
        if (available >= 1)
        {
            final int version = (buffer.getByte(offset) & 0xF0) >>> 4;
            ipVersion = version == 4 || version == 6 ? version : 0;
        }
    }

    private void addressFamily(final DirectBuffer buffer, final int offset, final int available, final boolean bigEndian)
    {
        if (available < NULL_HEADER_LENGTH)
        {
            return;
        }
        int family = buffer.getInt(offset, bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (!bigEndian && (family & 0xFFFF) == 0)
        {
            // LINKTYPE_NULL is in the writer's byte order: a big-endian writer leaves the low half 0.
            family = Integer.reverseBytes(family);
        }
        if (family == AF_INET)
        {
            ipVersion = 4;
        }
        else if (family == AF_INET6_BSD || family == AF_INET6_FREEBSD || family == AF_INET6_DARWIN ||
            family == AF_INET6_LINUX)
        {
            ipVersion = 6;
        }
        networkOffset = offset + NULL_HEADER_LENGTH;
    }

    private void ppp(final DirectBuffer buffer, final int offset, final int available)
    {
        int at = 0;
        if (available >= 2 && (buffer.getByte(offset) & 0xFF) == PPP_ADDRESS &&
            (buffer.getByte(offset + 1) & 0xFF) == PPP_CONTROL)
        {
            at = 2;
        }
        if (at >= available)
        {
            return;
        }
        int protocol = buffer.getByte(offset + at) & 0xFF;
        if ((protocol & 1) == 1)
        {
            // Protocol-field compression: an odd first byte is the whole (1-byte) protocol.
            at += 1;
        }
        else
        {
            if (at + 2 > available)
            {
                return;
            }
            protocol = buffer.getShort(offset + at, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            at += 2;
        }
        if (protocol == PPP_IPV4)
        {
            ipVersion = 4;
        }
        else if (protocol == PPP_IPV6)
        {
            ipVersion = 6;
        }
        networkOffset = offset + at;
    }

    /** @return index of the first byte after the link-layer header. */
    public int networkOffset()
    {
        return networkOffset;
    }

    /** @return 4 or 6 for IP payloads, 0 otherwise. */
    public int ipVersion()
    {
        return ipVersion;
    }
}
