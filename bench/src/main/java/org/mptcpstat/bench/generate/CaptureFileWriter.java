package org.mptcpstat.bench.generate;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a pcap or pcapng file through one off-heap staging buffer: the caller encodes each frame
 * in place at {@link #frameOffset()}, then {@link #commit}s it, which fills in the record header
 * around it. Memory stays the same whatever the file's size; nothing is allocated per record.
 */
final class CaptureFileWriter implements AutoCloseable
{
    /** The largest frame a caller may encode: link, IP and TCP headers with options, one MSS of payload. */
    static final int MAX_FRAME_LENGTH = 2048;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int STAGING_LENGTH = 1 << 20;

    private static final int PCAP_MAGIC_MICROS = 0xA1B2_C3D4;
    private static final int PCAP_HEADER_LENGTH = 24;
    private static final int PCAP_RECORD_HEADER_LENGTH = 16;

    private static final int PCAPNG_SECTION_HEADER = 0x0A0D_0D0A;
    private static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1A2B_3C4D;
    private static final int PCAPNG_INTERFACE_DESCRIPTION = 1;
    private static final int PCAPNG_ENHANCED_PACKET = 6;
    private static final int PCAPNG_SECTION_HEADER_LENGTH = 28;
    private static final int PCAPNG_INTERFACE_LENGTH = 32;
    private static final int PCAPNG_OPTION_TSRESOL = 9;
    private static final int PCAPNG_NANOSECONDS = 9;
    private static final int PCAPNG_PACKET_HEADER_LENGTH = 28;
    private static final int PCAPNG_TRAILER_LENGTH = 4;

    private final FileChannel channel;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_LENGTH);
    private final UnsafeBuffer buffer = new UnsafeBuffer(staging);
    private final CaptureFormat format;
    private final int recordHeaderLength;
    private int position;
    private long flushed;

    CaptureFileWriter(final Path file, final CaptureFormat format, final LinkLayer link, final int snapLength)
        throws IOException
    {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
        this.format = format;
        this.recordHeaderLength = format == CaptureFormat.PCAP ? PCAP_RECORD_HEADER_LENGTH : PCAPNG_PACKET_HEADER_LENGTH;
        if (format == CaptureFormat.PCAP)
        {
            writePcapHeader(link, snapLength);
        }
        else
        {
            writePcapNgHeaders(link, snapLength);
        }
    }

    /** The buffer frames are encoded into. */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** Where the next frame's first byte goes in {@link #buffer()}; room for {@link #MAX_FRAME_LENGTH} bytes. */
    int frameOffset() throws IOException
    {
        if (position + recordHeaderLength + MAX_FRAME_LENGTH + PCAPNG_TRAILER_LENGTH + 3 > STAGING_LENGTH)
        {
            flush();
        }
        return position + recordHeaderLength;
    }

    /**
     * Ends the record whose frame was encoded at {@link #frameOffset()}.
     *
     * @param capturedLength the frame's bytes kept in the file.
     * @param originalLength the frame's length on the wire.
     */
    void commit(final long timeNanos, final int capturedLength, final int originalLength)
    {
        final int at = position;
        if (format == CaptureFormat.PCAP)
        {
            buffer.putInt(at, (int)(timeNanos / 1_000_000_000L), ORDER);
            buffer.putInt(at + 4, (int)(timeNanos % 1_000_000_000L / 1000), ORDER);
            buffer.putInt(at + 8, capturedLength, ORDER);
            buffer.putInt(at + 12, originalLength, ORDER);
            position = at + PCAP_RECORD_HEADER_LENGTH + capturedLength;
            return;
        }
        final int padded = (capturedLength + 3) & ~3;
        final int blockLength = PCAPNG_PACKET_HEADER_LENGTH + padded + PCAPNG_TRAILER_LENGTH;
        buffer.setMemory(at + PCAPNG_PACKET_HEADER_LENGTH + capturedLength, padded - capturedLength, (byte)0);
        buffer.putInt(at, PCAPNG_ENHANCED_PACKET, ORDER);
        buffer.putInt(at + 4, blockLength, ORDER);
        buffer.putInt(at + 8, 0, ORDER);
        buffer.putInt(at + 12, (int)(timeNanos >>> 32), ORDER);
        buffer.putInt(at + 16, (int)timeNanos, ORDER);
        buffer.putInt(at + 20, capturedLength, ORDER);
        buffer.putInt(at + 24, originalLength, ORDER);
        buffer.putInt(at + blockLength - PCAPNG_TRAILER_LENGTH, blockLength, ORDER);
        position = at + blockLength;
    }

    /** @return bytes of the file so far, flushed or not. */
    long length()
    {
        return flushed + position;
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            flush();
        }
        finally
        {
            channel.close();
        }
    }

    private void writePcapHeader(final LinkLayer link, final int snapLength)
    {
        buffer.putInt(0, PCAP_MAGIC_MICROS, ORDER);
        buffer.putShort(4, (short)2, ORDER);
        buffer.putShort(6, (short)4, ORDER);
        buffer.putInt(8, 0, ORDER);
        buffer.putInt(12, 0, ORDER);
        buffer.putInt(16, snapLength, ORDER);
        buffer.putInt(20, link.linkType(), ORDER);
        position = PCAP_HEADER_LENGTH;
    }

    private void writePcapNgHeaders(final LinkLayer link, final int snapLength)
    {
        buffer.putInt(0, PCAPNG_SECTION_HEADER, ORDER);
        buffer.putInt(4, PCAPNG_SECTION_HEADER_LENGTH, ORDER);
        buffer.putInt(8, PCAPNG_BYTE_ORDER_MAGIC, ORDER);
        buffer.putShort(12, (short)1, ORDER);
        buffer.putShort(14, (short)0, ORDER);
        buffer.putLong(16, -1L, ORDER);
        buffer.putInt(24, PCAPNG_SECTION_HEADER_LENGTH, ORDER);
        final int at = PCAPNG_SECTION_HEADER_LENGTH;
        buffer.putInt(at, PCAPNG_INTERFACE_DESCRIPTION, ORDER);
        buffer.putInt(at + 4, PCAPNG_INTERFACE_LENGTH, ORDER);
        buffer.putShort(at + 8, (short)link.linkType(), ORDER);
        buffer.putShort(at + 10, (short)0, ORDER);
        buffer.putInt(at + 12, snapLength, ORDER);
        buffer.putShort(at + 16, (short)PCAPNG_OPTION_TSRESOL, ORDER);
        buffer.putShort(at + 18, (short)1, ORDER);
        buffer.putInt(at + 20, PCAPNG_NANOSECONDS, ORDER);
        buffer.putInt(at + 24, 0, ORDER);
        buffer.putInt(at + 28, PCAPNG_INTERFACE_LENGTH, ORDER);
        position = at + PCAPNG_INTERFACE_LENGTH;
    }

    private void flush() throws IOException
    {
        staging.limit(position).position(0);
        while (staging.hasRemaining())
        {
            channel.write(staging);
        }
        staging.clear();
        flushed += position;
        position = 0;
    }
}
