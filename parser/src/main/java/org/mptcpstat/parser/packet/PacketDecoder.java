package org.mptcpstat.parser.packet;

import org.agrona.DirectBuffer;
import org.mptcpstat.parser.capture.PacketRecord;

import java.nio.ByteOrder;

/**
 * Decodes a captured record down to its TCP header and options, filling a reusable
 * {@link TcpPacket}. Every read is preceded by a check against the captured bytes, since
 * captures are untrusted input; decoding allocates nothing.
 * <p>
 * Lengths come from the IP header, not from the record, so that payload sizes stay right in
 * captures cut by a short snap length; such packets are flagged {@link TcpPacket#truncated()}.
 */
public final class PacketDecoder
{
    private static final int PROTOCOL_TCP = 6;
    private static final int IPV6_HOP_BY_HOP = 0;
    private static final int IPV6_ROUTING = 43;
    private static final int IPV6_FRAGMENT = 44;
    private static final int IPV6_AUTHENTICATION = 51;
    private static final int IPV6_DESTINATION = 60;
    private static final int IPV6_MOBILITY = 135;
    private static final int IPV6_HIP = 139;
    private static final int IPV6_SHIM6 = 140;
    private static final int IPV6_EXPERIMENT_1 = 253;
    private static final int IPV6_EXPERIMENT_2 = 254;
    private static final int IPV6_FRAGMENT_HEADER_LENGTH = 8;
    private static final int IPV6_FRAGMENT_OFFSET_MASK = 0xFFF8;
    private static final int IPV6_MORE_FRAGMENTS = 0x0001;
    /** Bounds the extension-header walk on crafted packets; real chains have a handful. */
    private static final int MAX_IPV6_EXTENSION_HEADERS = 16;

    private final LinkLayerDecoder linkLayer = new LinkLayerDecoder();
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final TcpHeader tcp = new TcpHeader();

    private DirectBuffer buffer;
    private int end;
    private int transportOffset;
    private int transportLength;
    private boolean nonFirstFragment;
    private boolean firstFragment;

    /**
     * @return {@link DecodeStatus#TCP} when {@code packet} now describes a TCP segment, else why not.
     */
    public DecodeStatus decode(final PacketRecord record, final TcpPacket packet)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (buffer != record.buffer())
        {
            buffer = record.buffer();
        }
        final int start = record.offset();
        end = start + record.capturedLength();
        if (!linkLayer.decode(buffer, start, record.capturedLength(), record.linkType()))
        {
            return DecodeStatus.UNSUPPORTED_LINK_TYPE;
        }
        packet.frameNumber = record.frameNumber();
        packet.timestampNanos = record.timestampNanos();
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (packet.buffer != buffer)
        {
            packet.buffer = buffer;
        }
        final int ipOffset = linkLayer.networkOffset();
        final DecodeStatus ipStatus;
        switch (linkLayer.ipVersion())
        {
            case 4:
                ipStatus = decodeIpv4(ipOffset, packet);
                break;
            case 6:
                ipStatus = decodeIpv6(ipOffset, packet);
                break;
            default:
                return ipOffset > end ? DecodeStatus.TRUNCATED : DecodeStatus.NOT_TCP;
        }
        if (ipStatus != DecodeStatus.TCP)
        {
            return ipStatus;
        }
        return decodeTcp(packet);
    }

    private DecodeStatus decodeIpv4(final int offset, final TcpPacket packet)
    {
        if (offset + Ipv4Header.MIN_LENGTH > end)
        {
            return DecodeStatus.TRUNCATED;
        }
        ipv4.wrap(buffer, offset);
        final int headerLength = ipv4.headerLength();
        int totalLength = ipv4.totalLength();
        if (ipv4.version() != 4 || headerLength < Ipv4Header.MIN_LENGTH)
        {
            return DecodeStatus.MALFORMED;
        }
        if (totalLength == 0)
        {
            // Segmentation offload on the capturing host leaves 0 here; the frame holds it all.
            totalLength = end - offset;
        }
        if (totalLength < headerLength)
        {
            return DecodeStatus.MALFORMED;
        }
        // Bytes past the datagram (Ethernet padding) are not TCP's to read.
        end = Math.min(end, offset + totalLength);
        if (ipv4.protocol() != PROTOCOL_TCP)
        {
            return DecodeStatus.NOT_TCP;
        }
        if (ipv4.fragmentOffset() != 0)
        {
            return DecodeStatus.FRAGMENT;
        }
        if (offset + headerLength > end)
        {
            return DecodeStatus.TRUNCATED;
        }
        packet.ipVersion = 4;
        packet.firstFragment = ipv4.moreFragments();
        packet.sourceHigh = 0;
        packet.sourceLow = ipv4.sourceAddress();
        packet.destinationHigh = 0;
        packet.destinationLow = ipv4.destinationAddress();
        packet.ttl = ipv4.ttl();
        packet.ipLength = totalLength;
        transportOffset = offset + headerLength;
        transportLength = totalLength - headerLength;
        return DecodeStatus.TCP;
    }

    private DecodeStatus decodeIpv6(final int offset, final TcpPacket packet)
    {
        if (offset + Ipv6Header.LENGTH > end)
        {
            return DecodeStatus.TRUNCATED;
        }
        ipv6.wrap(buffer, offset);
        if (ipv6.version() != 6)
        {
            return DecodeStatus.MALFORMED;
        }
        int payloadLength = ipv6.payloadLength();
        if (payloadLength == 0)
        {
            // A jumbogram (or an offloaded super-packet) states its length elsewhere: take the frame.
            payloadLength = end - offset - Ipv6Header.LENGTH;
        }
        end = Math.min(end, offset + Ipv6Header.LENGTH + payloadLength);
        final DecodeStatus status = walkIpv6Extensions(offset + Ipv6Header.LENGTH, ipv6.nextHeader(), payloadLength);
        if (status != DecodeStatus.TCP)
        {
            return status;
        }
        packet.ipVersion = 6;
        packet.firstFragment = firstFragment;
        packet.sourceHigh = ipv6.sourceHigh();
        packet.sourceLow = ipv6.sourceLow();
        packet.destinationHigh = ipv6.destinationHigh();
        packet.destinationLow = ipv6.destinationLow();
        packet.ttl = ipv6.hopLimit();
        packet.ipLength = Ipv6Header.LENGTH + payloadLength;
        return DecodeStatus.TCP;
    }

    /**
     * Follows the extension-header chain to the TCP header, setting the transport fields.
     * <pre>
     * generic: next header (1) | length in 8-byte units, excluding the first 8 (1) | ...
     * AH:      next header (1) | length in 4-byte units, excluding the first 8 (1) | ...
     * fragment (8 bytes): next header (1) | reserved (1) | offset (13 bits) res (2) M (1) | id (4)
     * </pre>
     */
    private DecodeStatus walkIpv6Extensions(final int firstOffset, final int firstNextHeader, final int payloadLength)
    {
        int at = firstOffset;
        int nextHeader = firstNextHeader;
        int remaining = payloadLength;
        nonFirstFragment = false;
        firstFragment = false;
        for (int count = 0; count <= MAX_IPV6_EXTENSION_HEADERS; count++)
        {
            if (nextHeader == PROTOCOL_TCP)
            {
                if (nonFirstFragment)
                {
                    return DecodeStatus.FRAGMENT;
                }
                transportOffset = at;
                transportLength = remaining;
                return DecodeStatus.TCP;
            }
            final int headerLength;
            switch (nextHeader)
            {
                case IPV6_HOP_BY_HOP:
                case IPV6_ROUTING:
                case IPV6_DESTINATION:
                case IPV6_MOBILITY:
                case IPV6_HIP:
                case IPV6_SHIM6:
                case IPV6_EXPERIMENT_1:
                case IPV6_EXPERIMENT_2:
                    if (at + 2 > end)
                    {
                        return DecodeStatus.TRUNCATED;
                    }
                    headerLength = ((buffer.getByte(at + 1) & 0xFF) + 1) * 8;
                    break;
                case IPV6_AUTHENTICATION:
                    if (at + 2 > end)
                    {
                        return DecodeStatus.TRUNCATED;
                    }
                    headerLength = ((buffer.getByte(at + 1) & 0xFF) + 2) * 4;
                    break;
                case IPV6_FRAGMENT:
                    if (at + IPV6_FRAGMENT_HEADER_LENGTH > end)
                    {
                        return DecodeStatus.TRUNCATED;
                    }
                    headerLength = IPV6_FRAGMENT_HEADER_LENGTH;
                    final int offsetAndFlags = buffer.getShort(at + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                    nonFirstFragment |= (offsetAndFlags & IPV6_FRAGMENT_OFFSET_MASK) != 0;
                    firstFragment |= (offsetAndFlags & IPV6_MORE_FRAGMENTS) != 0;
                    break;
                default:
                    // ESP, no-next-header, or anything unknown: no TCP header can be found safely.
                    return DecodeStatus.NOT_TCP;
            }
            if (headerLength > remaining)
            {
                return DecodeStatus.MALFORMED;
            }
            nextHeader = buffer.getByte(at) & 0xFF;
            at += headerLength;
            remaining -= headerLength;
        }
        return DecodeStatus.MALFORMED;
    }

    private DecodeStatus decodeTcp(final TcpPacket packet)
    {
        if (transportOffset + TcpHeader.MIN_LENGTH > end)
        {
            return DecodeStatus.TRUNCATED;
        }
        tcp.wrap(buffer, transportOffset);
        final int headerLength = tcp.headerLength();
        if (headerLength < TcpHeader.MIN_LENGTH || headerLength > transportLength)
        {
            return DecodeStatus.MALFORMED;
        }
        packet.sourcePort = tcp.sourcePort();
        packet.destinationPort = tcp.destinationPort();
        packet.sequenceNumber = tcp.sequenceNumber();
        packet.acknowledgmentNumber = tcp.acknowledgmentNumber();
        packet.flags = tcp.flags();
        packet.window = tcp.window();
        packet.tcpHeaderLength = headerLength;
        packet.payloadLength = transportLength - headerLength;
        packet.payloadOffset = transportOffset + headerLength;
        packet.capturedPayloadLength = Math.max(0, Math.min(packet.payloadLength, end - packet.payloadOffset));
        packet.truncated = transportOffset + transportLength > end;
        final int headerEnd = transportOffset + headerLength;
        TcpOptionsDecoder.decode(
            buffer, transportOffset + TcpHeader.MIN_LENGTH, headerEnd, Math.min(headerEnd, end), packet);
        return DecodeStatus.TCP;
    }
}
