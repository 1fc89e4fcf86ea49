package org.mptcpstat.parser.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Hand-made TCP segments for tests: a TCP header with chosen options over IPv4 or IPv6, wrapped
 * in the link layer a test needs. Checksums are left 0: nothing in mptcpstat verifies them.
 */
public final class SegmentBuilder
{
    private byte[] source = { 10, 0, 0, 1 };
    private byte[] destination = { 10, 0, 0, 2 };
    private int sourcePort = 40000;
    private int destinationPort = 80;
    private long sequence = 1000;
    private long acknowledgment;
    private int flags = 0x10;
    private int window = 512;
    private byte[] options = new byte[0];
    private int payloadLength;
    private byte[] ipv6Extensions = new byte[0];
    private int firstNextHeader = 6;

    public SegmentBuilder addresses(final byte[] source, final byte[] destination)
    {
        this.source = source.clone();
        this.destination = destination.clone();
        return this;
    }

    public SegmentBuilder ports(final int sourcePort, final int destinationPort)
    {
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        return this;
    }

    public SegmentBuilder sequence(final long sequence, final long acknowledgment)
    {
        this.sequence = sequence;
        this.acknowledgment = acknowledgment;
        return this;
    }

    public SegmentBuilder flags(final int flags)
    {
        this.flags = flags;
        return this;
    }

    public SegmentBuilder window(final int window)
    {
        this.window = window;
        return this;
    }

    /** Raw option bytes; the caller pads them to a multiple of 4 (with NOPs or end-of-list). */
    public SegmentBuilder options(final int... bytes)
    {
        this.options = Bytes.of(bytes);
        return this;
    }

    public SegmentBuilder payload(final int length)
    {
        this.payloadLength = length;
        return this;
    }

    /**
     * IPv6 extension headers placed before TCP; {@code firstNextHeader} is the fixed header's
     * next-header value and the last extension must name 6 (TCP).
     */
    public SegmentBuilder ipv6Extensions(final int firstNextHeader, final int... bytes)
    {
        this.firstNextHeader = firstNextHeader;
        this.ipv6Extensions = Bytes.of(bytes);
        return this;
    }

    public byte[] tcp()
    {
        if (options.length % 4 != 0)
        {
            throw new IllegalStateException("options must be padded to 32 bits");
        }
        final int headerLength = 20 + options.length;
        final ByteBuffer tcp = ByteBuffer.allocate(headerLength + payloadLength);
        tcp.putShort((short)sourcePort).putShort((short)destinationPort);
        tcp.putInt((int)sequence).putInt((int)acknowledgment);
        tcp.putShort((short)(((headerLength / 4) << 12) | (flags & 0x0FFF)));
        tcp.putShort((short)window).putShort((short)0).putShort((short)0);
        tcp.put(options);
        for (int i = 0; i < payloadLength; i++)
        {
            tcp.put((byte)i);
        }
        return tcp.array();
    }

    public byte[] ip()
    {
        final byte[] tcp = tcp();
        if (source.length == 4)
        {
            final ByteBuffer ip = ByteBuffer.allocate(20 + tcp.length);
            ip.put((byte)0x45).put((byte)0).putShort((short)(20 + tcp.length));
            ip.putShort((short)1).putShort((short)0x4000);
            ip.put((byte)64).put((byte)6).putShort((short)0);
            ip.put(source).put(destination).put(tcp);
            return ip.array();
        }
        final ByteBuffer ip = ByteBuffer.allocate(40 + ipv6Extensions.length + tcp.length);
        ip.putInt(0x6000_0000).putShort((short)(ipv6Extensions.length + tcp.length));
        ip.put((byte)(ipv6Extensions.length > 0 ? firstNextHeader : 6)).put((byte)64);
        ip.put(source).put(destination).put(ipv6Extensions).put(tcp);
        return ip.array();
    }

    public byte[] ethernet()
    {
        return ethernet(new int[0]);
    }

    /** @param vlanTags TPIDs of the tags to stack before the EtherType (0x8100, 0x88A8). */
    public byte[] ethernet(final int... vlanTags)
    {
        final byte[] ip = ip();
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(new byte[] { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1 });
        for (final int tpid : vlanTags)
        {
            frame.writeBytes(new byte[] { (byte)(tpid >>> 8), (byte)tpid, 0, 42 });
        }
        frame.writeBytes(source.length == 4 ? new byte[] { 0x08, 0x00 } : new byte[] { (byte)0x86, (byte)0xDD });
        frame.writeBytes(ip);
        return frame.toByteArray();
    }

    /** Linux cooked v1 (linktype 113). */
    public byte[] linuxCooked()
    {
        final byte[] ip = ip();
        final ByteBuffer frame = ByteBuffer.allocate(16 + ip.length);
        frame.putShort((short)0).putShort((short)1).putShort((short)6);
        frame.put(new byte[] { 2, 0, 0, 0, 0, 1, 0, 0 });
        frame.putShort((short)(source.length == 4 ? 0x0800 : 0x86DD)).put(ip);
        return frame.array();
    }

    /** Linux cooked v2 (linktype 276). */
    public byte[] linuxCooked2()
    {
        final byte[] ip = ip();
        final ByteBuffer frame = ByteBuffer.allocate(20 + ip.length);
        frame.putShort((short)(source.length == 4 ? 0x0800 : 0x86DD)).putShort((short)0);
        frame.putInt(3).putShort((short)1).put((byte)4).put((byte)6);
        frame.put(new byte[] { 2, 0, 0, 0, 0, 1, 0, 0 }).put(ip);
        return frame.array();
    }
}
