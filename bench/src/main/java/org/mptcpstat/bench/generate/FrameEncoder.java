package org.mptcpstat.bench.generate;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Turns one script packet into the bytes of a frame: link header, IPv4 header, TCP header with
 * its options, and a payload of zeros (cut off when the capture keeps headers only). The IPv4 and
 * TCP checksums are valid; a zero payload adds nothing to the TCP sum, so it is never read.
 */
final class FrameEncoder
{
    private static final int IPV4_HEADER_LENGTH = 20;
    private static final int TCP_HEADER_LENGTH = 20;
    private static final int PROTOCOL_TCP = 6;
    private static final int DONT_FRAGMENT = 0x4000;
    private static final int SERVER_TTL = 64;
    /** The client is one router further from the capture point than the server. */
    private static final int CLIENT_TTL = 63;
    private static final int SYN_WINDOW = 64_240;
    /** Shifted by {@link #WINDOW_SCALE}: 64 256 bytes. */
    private static final int WINDOW = 502;
    private static final int WINDOW_SCALE = 7;
    private static final int MSS_OPTION = 2;
    private static final int WINDOW_SCALE_OPTION = 3;
    private static final int SACK_PERMITTED_OPTION = 4;
    private static final int NOP = 1;
    private static final int SYN_OPTIONS_LENGTH = 12;
    private static final int MAX_OPTIONS_LENGTH = 40;

    private final LinkLayer link;
    private final boolean headersOnly;
    private final MptcpOptionWriter mptcpOptions = new MptcpOptionWriter();
    private int ipIdentification;
    private int frameLength;
    private int capturedLength;
    private int ipLength;

    FrameEncoder(final LinkLayer link, final boolean headersOnly)
    {
        this.link = link;
        this.headersOnly = headersOnly;
    }

    MptcpOptionWriter mptcpOptions()
    {
        return mptcpOptions;
    }

    /** Encodes packet {@code p} of the conversation at {@code offset}. */
    void encode(final Conversation c, final int p, final MutableDirectBuffer buffer, final int offset)
    {
        final PacketScript s = c.script;
        final int sf = s.subflow[p];
        final boolean fromClient = s.direction[p] == PacketScript.C2S;
        final int ip = offset + link.headerLength();
        final int tcp = ip + IPV4_HEADER_LENGTH;
        final boolean syn = (s.flags[p] & PacketScript.SYN) != 0;

        int options = tcp + TCP_HEADER_LENGTH;
        if (syn)
        {
            options += synOptions(buffer, options, c.mss);
        }
        options += mptcpOptions.write(c, p, buffer, options);
        int optionsLength = options - tcp - TCP_HEADER_LENGTH;
        while ((optionsLength & 3) != 0)
        {
            buffer.putByte(tcp + TCP_HEADER_LENGTH + optionsLength++, (byte)0);
        }
        if (optionsLength > MAX_OPTIONS_LENGTH)
        {
            throw new IllegalStateException("TCP options of " + optionsLength + " bytes on packet " + p);
        }
        final int tcpHeaderLength = TCP_HEADER_LENGTH + optionsLength;
        final int payload = s.payload[p];
        ipLength = IPV4_HEADER_LENGTH + tcpHeaderLength + payload;
        frameLength = link.headerLength() + ipLength;
        capturedLength = headersOnly ? frameLength - payload : frameLength;
        if (!headersOnly)
        {
            buffer.setMemory(tcp + tcpHeaderLength, payload, (byte)0);
        }

        link.writeHeader(buffer, offset, fromClient);
        final int source = fromClient ? c.clientAddress[sf] : c.serverAddress[sf];
        final int destination = fromClient ? c.serverAddress[sf] : c.clientAddress[sf];
        buffer.putByte(ip, (byte)0x45);
        buffer.putByte(ip + 1, (byte)0);
        buffer.putShort(ip + 2, (short)ipLength, ByteOrder.BIG_ENDIAN);
        buffer.putShort(ip + 4, (short)ipIdentification++, ByteOrder.BIG_ENDIAN);
        buffer.putShort(ip + 6, (short)DONT_FRAGMENT, ByteOrder.BIG_ENDIAN);
        buffer.putByte(ip + 8, (byte)(fromClient ? CLIENT_TTL : SERVER_TTL));
        buffer.putByte(ip + 9, (byte)PROTOCOL_TCP);
        buffer.putShort(ip + 10, (short)0, ByteOrder.BIG_ENDIAN);
        buffer.putInt(ip + 12, source, ByteOrder.BIG_ENDIAN);
        buffer.putInt(ip + 16, destination, ByteOrder.BIG_ENDIAN);
        buffer.putShort(ip + 10, (short)~fold(sum(buffer, ip, IPV4_HEADER_LENGTH)), ByteOrder.BIG_ENDIAN);

        final long senderIsn = fromClient ? c.clientIsn[sf] : c.serverIsn[sf];
        final long receiverIsn = fromClient ? c.serverIsn[sf] : c.clientIsn[sf];
        final boolean ack = (s.flags[p] & PacketScript.ACK) != 0;
        buffer.putShort(tcp, (short)(fromClient ? c.clientPort[sf] : c.serverPort[sf]), ByteOrder.BIG_ENDIAN);
        buffer.putShort(tcp + 2, (short)(fromClient ? c.serverPort[sf] : c.clientPort[sf]), ByteOrder.BIG_ENDIAN);
        buffer.putInt(tcp + 4, (int)(senderIsn + s.seq[p]), ByteOrder.BIG_ENDIAN);
        buffer.putInt(tcp + 8, ack ? (int)(receiverIsn + s.ack[p]) : 0, ByteOrder.BIG_ENDIAN);
        buffer.putShort(tcp + 12, (short)((tcpHeaderLength / 4) << 12 | s.flags[p]), ByteOrder.BIG_ENDIAN);
        buffer.putShort(tcp + 14, (short)(syn ? SYN_WINDOW : WINDOW), ByteOrder.BIG_ENDIAN);
        buffer.putShort(tcp + 16, (short)0, ByteOrder.BIG_ENDIAN);
        buffer.putShort(tcp + 18, (short)0, ByteOrder.BIG_ENDIAN);
        final long pseudoHeader = (source >>> 16) + (source & 0xFFFF) + (destination >>> 16) + (destination & 0xFFFF) +
            PROTOCOL_TCP + tcpHeaderLength + payload;
        buffer.putShort(tcp + 16, (short)~fold(pseudoHeader + sum(buffer, tcp, tcpHeaderLength)), ByteOrder.BIG_ENDIAN);
    }

    /** @return the frame's length on the wire. */
    int frameLength()
    {
        return frameLength;
    }

    /** @return the frame's bytes kept in the capture. */
    int capturedLength()
    {
        return capturedLength;
    }

    /** @return the IPv4 total length: what {@code ip_bytes} adds up. */
    int ipLength()
    {
        return ipLength;
    }

    /** MSS, window scale and SACK permitted, as Linux puts them in SYNs (less the timestamps). */
    private static int synOptions(final MutableDirectBuffer buffer, final int at, final int mss)
    {
        buffer.putByte(at, (byte)MSS_OPTION);
        buffer.putByte(at + 1, (byte)4);
        buffer.putShort(at + 2, (short)mss, ByteOrder.BIG_ENDIAN);
        buffer.putByte(at + 4, (byte)NOP);
        buffer.putByte(at + 5, (byte)WINDOW_SCALE_OPTION);
        buffer.putByte(at + 6, (byte)3);
        buffer.putByte(at + 7, (byte)WINDOW_SCALE);
        buffer.putByte(at + 8, (byte)NOP);
        buffer.putByte(at + 9, (byte)NOP);
        buffer.putByte(at + 10, (byte)SACK_PERMITTED_OPTION);
        buffer.putByte(at + 11, (byte)2);
        return SYN_OPTIONS_LENGTH;
    }

    /** Sum of big-endian 16-bit words; {@code length} is even. */
    private static long sum(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        long sum = 0;
        for (int i = 0; i < length; i += 2)
        {
            sum += buffer.getShort(offset + i, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        }
        return sum;
    }

    private static int fold(final long sum)
    {
        long folded = sum;
        while ((folded >>> 16) != 0)
        {
            folded = (folded & 0xFFFF) + (folded >>> 16);
        }
        return (int)folded;
    }
}
