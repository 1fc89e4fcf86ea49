package org.mptcpstat.parser;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.LinkType;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;
import org.mptcpstat.parser.testing.CaptureFileBuilder;
import org.mptcpstat.parser.testing.SegmentBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoding must not allocate per packet: the bytes allocated by reading and decoding a whole
 * capture must not grow with its number of packets.
 */
class DecodingAllocationTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAllocateNothingPerPacketWhenDecodingAWholeCapture() throws IOException
    {
        assertNoAllocationPerPacket(false);
    }

    @Test
    void shouldAllocateNothingPerPacketWhenDecodingAWholeGzipCapture() throws IOException
    {
        assertNoAllocationPerPacket(true);
    }

    private void assertNoAllocationPerPacket(final boolean gzip) throws IOException
    {
        final Path small = capture("small.pcap", 2_000, gzip);
        final Path large = capture("large.pcap", 40_000, gzip);
        for (int warmUp = 0; warmUp < 5; warmUp++)
        {
            decodeAll(small);
            decodeAll(large);
        }
        final long smallBytes = allocatedWhileDecoding(small, 2_000);
        final long largeBytes = allocatedWhileDecoding(large, 40_000);

        // Opening a file allocates a fixed amount (channel, mapping or window, reader); packets add nothing.
        final double perPacket = (largeBytes - smallBytes) / 38_000.0;
        assertTrue(perPacket < 0.5, "bytes allocated per packet: " + perPacket + " (" + smallBytes + " for 2000, " +
            largeBytes + " for 40000)");
    }

    private long allocatedWhileDecoding(final Path file, final int packets) throws IOException
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        final long decoded = decodeAll(file);
        final long after = threads.getThreadAllocatedBytes(threadId);
        assertEquals(packets, decoded);
        return after - before;
    }

    private static long decodeAll(final Path file) throws IOException
    {
        final PacketRecord record = new PacketRecord();
        final PacketDecoder decoder = new PacketDecoder();
        final TcpPacket packet = new TcpPacket();
        long tcp = 0;
        try (CaptureReader reader = CaptureReaders.open(file))
        {
            while (reader.next(record))
            {
                if (decoder.decode(record, packet) == DecodeStatus.TCP)
                {
                    tcp++;
                }
            }
        }
        return tcp;
    }

    private Path capture(final String name, final int packets, final boolean gzip) throws IOException
    {
        final CaptureFileBuilder builder = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535);
        final SegmentBuilder segment = new SegmentBuilder().options(
            1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2,
            30, 20, 0x20, 0x0F, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1);
        for (int i = 0; i < packets; i++)
        {
            builder.record(i, 0, segment.sequence(i * 100L, 0).payload(i % 200).ethernet());
        }
        return gzip ? builder.writeGzip(dir.resolve(name)) : builder.write(dir.resolve(name));
    }
}
