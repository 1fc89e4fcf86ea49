package org.mptcpstat.parser.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.parser.packet.LinkType;
import org.mptcpstat.parser.source.CaptureSource;
import org.mptcpstat.parser.testing.CaptureFileBuilder;
import org.mptcpstat.parser.testing.SegmentBuilder;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpstat.parser.capture.PcapReaderTest.bytesOf;

class PcapNgReaderTest
{
    @TempDir
    Path dir;

    private final SegmentBuilder segment = new SegmentBuilder().payload(3);

    @Test
    void shouldApplyEachInterfacesLinkTypeAndResolution() throws IOException
    {
        final byte[] ethernet = segment.ethernet();
        final byte[] cooked = segment.linuxCooked2();
        final Path file = CaptureFileBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0, 9)              // if_tsresol 9: nanoseconds
            .interfaceBlock(LinkType.LINUX_SLL2, 0, 0x80 | 20)    // if_tsresol 2^-20 seconds
            .enhancedPacket(0, 1_700_000_000_123_456_789L, ethernet)
            .enhancedPacket(1, (5L << 20) | (1L << 19), cooked)  // 5.5 s
            .write(dir.resolve("two-interfaces.pcapng"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            assertEquals(LinkType.ETHERNET, record.linkType());
            assertEquals(1_700_000_000_123_456_789L, record.timestampNanos());
            assertArrayEquals(ethernet, bytesOf(record));

            assertTrue(reader.next(record));
            assertEquals(LinkType.LINUX_SLL2, record.linkType());
            assertEquals(1, record.interfaceId());
            assertEquals(5_500_000_000L, record.timestampNanos());
            assertArrayEquals(cooked, bytesOf(record));
            assertEquals(2, record.frameNumber());

            assertFalse(reader.next(record));
            assertNull(reader.fault());
            assertEquals(9, reader.timestampDecimals());
        }
    }

    @Test
    void shouldDefaultToMicrosecondsWithoutTsresolOption() throws IOException
    {
        final Path file = CaptureFileBuilder.pcapng(ByteOrder.BIG_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0, -1)
            .enhancedPacket(0, 2_000_001L, segment.ethernet())
            .write(dir.resolve("micro.pcapng"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            assertEquals(2_000_001_000L, record.timestampNanos());
            assertEquals(6, reader.timestampDecimals());
        }
    }

    @Test
    void shouldReadSimpleAndObsoletePacketBlocksAndSkipUnknownBlocks() throws IOException
    {
        final byte[] frame = segment.ethernet();
        final CaptureFileBuilder builder = CaptureFileBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0, -1);
        builder.block(0x0000_0BAD, builder.buffer(13).put(new byte[13]))   // custom block: skipped
            .simplePacket(frame)
            .obsoletePacket(0, 7_000_000L, frame);
        final Path file = builder.write(dir.resolve("blocks.pcapng"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            assertArrayEquals(frame, bytesOf(record));
            assertEquals(1, record.frameNumber());
            assertTrue(reader.next(record));
            assertArrayEquals(frame, bytesOf(record));
            assertEquals(7_000_000_000L, record.timestampNanos());
            assertFalse(reader.next(record));
            assertEquals(0, reader.malformedRecords());
        }
    }

    @Test
    void shouldStartAfreshInEachSectionWithItsOwnByteOrder() throws IOException
    {
        final byte[] first = segment.ethernet();
        final byte[] second = segment.linuxCooked();
        final Path file = CaptureFileBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0, -1)
            .enhancedPacket(0, 1_000_000L, first)
            .section(ByteOrder.BIG_ENDIAN)
            .interfaceBlock(LinkType.LINUX_SLL, 0, 9)
            .enhancedPacket(0, 3L, second)
            .write(dir.resolve("sections.pcapng"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            assertEquals(LinkType.ETHERNET, record.linkType());
            assertTrue(reader.next(record));
            assertEquals(LinkType.LINUX_SLL, record.linkType());
            assertEquals(3L, record.timestampNanos());
            assertArrayEquals(second, bytesOf(record));
            assertFalse(reader.next(record));
        }
    }

    @Test
    void shouldSkipPacketOfUndeclaredInterfaceAsMalformed() throws IOException
    {
        final Path file = CaptureFileBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0, -1)
            .enhancedPacket(5, 1L, segment.ethernet())
            .enhancedPacket(0, 2L, segment.ethernet())
            .write(dir.resolve("bad-interface.pcapng"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            assertEquals(1, record.frameNumber());
            assertEquals(1, reader.malformedRecords());
            assertFalse(reader.next(record));
        }
    }

    @Test
    void shouldStopAtBlockWhoseTrailingLengthDisagrees() throws IOException
    {
        final CaptureFileBuilder builder = CaptureFileBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0, -1)
            .enhancedPacket(0, 1L, segment.ethernet());
        builder.raw(builder.buffer(16).putInt(6).putInt(16).putInt(0).putInt(999).array());
        final Path file = builder.write(dir.resolve("bad-trailer.pcapng"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            assertFalse(reader.next(record));
            assertTrue(reader.fault().startsWith("corrupt block"), reader.fault());
        }
    }

    @Test
    void shouldReadBlocksThatEndBeyondTheInflatedWindowOfAGzipFile() throws IOException
    {
        // Gzip input is inflated into one window of MAX_WINDOW bytes, so some block of a longer
        // file starts in one window and ends in the next.
        final byte[] frame = new SegmentBuilder().payload(1400).ethernet();
        final int packets = CaptureSource.MAX_WINDOW / frame.length + 100;
        final CaptureFileBuilder builder = CaptureFileBuilder.pcapng(ByteOrder.LITTLE_ENDIAN)
            .interfaceBlock(LinkType.ETHERNET, 0, -1);
        for (int i = 0; i < packets; i++)
        {
            builder.enhancedPacket(0, i, frame);
        }
        final Path file = builder.writeGzip(dir.resolve("longer-than-a-window.pcapng.gz"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            int count = 0;
            while (reader.next(record))
            {
                count++;
            }
            assertNull(reader.fault());
            assertEquals(packets, count);
        }
    }

    @Test
    void shouldConvertBinaryAndDecimalResolutions()
    {
        assertEquals(1_500_000_000L, TimestampResolution.toNanos(0x80 | 1, 3));         // 3 half-seconds
        assertEquals(1_000_000_000L, TimestampResolution.toNanos(0x80 | 40, 1L << 40));
        assertEquals(500_000_000L, TimestampResolution.toNanos(0x80 | 40, 1L << 39));
        assertEquals(1_234_567_890L, TimestampResolution.toNanos(9, 1_234_567_890L));
        assertEquals(1_234_567_890L, TimestampResolution.toNanos(12, 1_234_567_890_123L));
        assertEquals(20_000_000_000L, TimestampResolution.toNanos(0, 20));
        assertEquals(7, TimestampResolution.decimals(0x80 | 20));
        assertEquals(9, TimestampResolution.decimals(0x80 | 40));
        assertEquals(3, TimestampResolution.decimals(3));
    }
}
