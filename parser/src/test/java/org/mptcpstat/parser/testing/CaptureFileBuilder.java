package org.mptcpstat.parser.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small pcap and pcapng files byte by byte, in either byte order, for reader tests. */
public final class CaptureFileBuilder
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private ByteOrder order;

    private CaptureFileBuilder(final ByteOrder order)
    {
        this.order = order;
    }

    /** A classic pcap file header. */
    public static CaptureFileBuilder pcap(
        final ByteOrder order, final boolean nanoseconds, final int linkType, final int snapLength)
    {
        final CaptureFileBuilder builder = new CaptureFileBuilder(order);
        builder.put(builder.buffer(24)
            .putInt(nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short)2).putShort((short)4)
            .putInt(0).putInt(0).putInt(snapLength).putInt(linkType));
        return builder;
    }

    /** A pcap record: the captured bytes are {@code data}, the original length may be larger. */
    public CaptureFileBuilder record(final long seconds, final long fraction, final byte[] data, final int originalLength)
    {
        put(buffer(16).putInt((int)seconds).putInt((int)fraction).putInt(data.length).putInt(originalLength));
        bytes.writeBytes(data);
        return this;
    }

    public CaptureFileBuilder record(final long seconds, final long fraction, final byte[] data)
    {
        return record(seconds, fraction, data, data.length);
    }

    /** A pcapng file starting with a section header block. */
    public static CaptureFileBuilder pcapng(final ByteOrder order)
    {
        return new CaptureFileBuilder(order).section(order);
    }

    /** Starts a new section, possibly in another byte order. */
    public CaptureFileBuilder section(final ByteOrder sectionOrder)
    {
        order = sectionOrder;
        return block(0x0A0D0D0A, buffer(16).putInt(0x1A2B3C4D).putShort((short)1).putShort((short)0).putLong(-1));
    }

    /**
     * An interface description block.
     *
     * @param tsresol the if_tsresol byte, or -1 to leave the option out (microseconds).
     */
    public CaptureFileBuilder interfaceBlock(final int linkType, final int snapLength, final int tsresol)
    {
        final ByteBuffer body = buffer(tsresol >= 0 ? 24 : 12);
        body.putShort((short)linkType).putShort((short)0).putInt(snapLength);
        if (tsresol >= 0)
        {
            body.putShort((short)9).putShort((short)1).put((byte)tsresol).put(new byte[3]);
            body.putShort((short)0).putShort((short)0);
        }
        else
        {
            body.putShort((short)0).putShort((short)0);
        }
        return block(1, body);
    }

    public CaptureFileBuilder enhancedPacket(final int interfaceId, final long ticks, final byte[] data)
    {
        final ByteBuffer body = buffer(20 + padded(data.length));
        body.putInt(interfaceId).putInt((int)(ticks >>> 32)).putInt((int)ticks);
        body.putInt(data.length).putInt(data.length).put(data);
        return block(6, body);
    }

    public CaptureFileBuilder simplePacket(final byte[] data)
    {
        final ByteBuffer body = buffer(4 + padded(data.length));
        body.putInt(data.length).put(data);
        return block(3, body);
    }

    public CaptureFileBuilder obsoletePacket(final int interfaceId, final long ticks, final byte[] data)
    {
        final ByteBuffer body = buffer(20 + padded(data.length));
        body.putShort((short)interfaceId).putShort((short)0).putInt((int)(ticks >>> 32)).putInt((int)ticks);
        body.putInt(data.length).putInt(data.length).put(data);
        return block(2, body);
    }

    /** Any block, e.g. one of a type readers must skip. */
    public CaptureFileBuilder block(final int type, final ByteBuffer body)
    {
        final int length = 12 + padded(body.capacity());
        put(buffer(8).putInt(type).putInt(length));
        bytes.writeBytes(body.array());
        bytes.writeBytes(new byte[padded(body.capacity()) - body.capacity()]);
        put(buffer(4).putInt(length));
        return this;
    }

    /** Appends raw bytes, e.g. to corrupt a file on purpose. */
    public CaptureFileBuilder raw(final byte[] data)
    {
        bytes.writeBytes(data);
        return this;
    }

    public byte[] bytes()
    {
        return bytes.toByteArray();
    }

    public Path write(final Path path) throws IOException
    {
        return Files.write(path, bytes());
    }

    public Path writeGzip(final Path path) throws IOException
    {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path)))
        {
            out.write(bytes());
        }
        return path;
    }

    public ByteBuffer buffer(final int capacity)
    {
        return ByteBuffer.allocate(capacity).order(order);
    }

    private void put(final ByteBuffer buffer)
    {
        bytes.writeBytes(buffer.array());
    }

    private static int padded(final int length)
    {
        return (length + 3) & ~3;
    }
}
