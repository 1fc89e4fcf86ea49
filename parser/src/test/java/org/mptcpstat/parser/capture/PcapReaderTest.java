package org.mptcpstat.parser.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.parser.packet.LinkType;
import org.mptcpstat.parser.testing.Bytes;
import org.mptcpstat.parser.testing.CaptureFileBuilder;
import org.mptcpstat.parser.testing.SegmentBuilder;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapReaderTest
{
    @TempDir
    Path dir;

    private final byte[] frame = new SegmentBuilder().payload(10).ethernet();

    @Test
    void shouldReadLittleEndianMicrosecondRecords() throws IOException
    {
        final Path file = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535)
            .record(1_700_000_000L, 123_456, frame)
            .record(1_700_000_001L, 999_999, frame, 1514)
            .write(dir.resolve("le.pcap"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            assertEquals(1, record.frameNumber());
            assertEquals(1_700_000_000_123_456_000L, record.timestampNanos());
            assertEquals(LinkType.ETHERNET, record.linkType());
            assertEquals(frame.length, record.capturedLength());
            assertArrayEquals(frame, bytesOf(record));

            assertTrue(reader.next(record));
            assertEquals(2, record.frameNumber());
            assertEquals(1_700_000_001_999_999_000L, record.timestampNanos());
            assertEquals(1514, record.originalLength());

            assertFalse(reader.next(record));
            assertNull(reader.fault());
            assertEquals(0, reader.malformedRecords());
        }
    }

    @Test
    void shouldReadBigEndianNanosecondRecords() throws IOException
    {
        final Path file = CaptureFileBuilder.pcap(ByteOrder.BIG_ENDIAN, true, LinkType.LINUX_SLL2, 262144)
            .record(4_000_000_000L, 999_999_999, frame)
            .write(dir.resolve("be-ns.pcap"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            // Seconds are unsigned: 4e9 is past 2^31 and must not turn negative.
            assertEquals(4_000_000_000_999_999_999L, record.timestampNanos());
            assertEquals(LinkType.LINUX_SLL2, record.linkType());
            assertArrayEquals(frame, bytesOf(record));
            assertEquals(9, reader.timestampDecimals());
        }
    }

    @Test
    void shouldKeepRecordsBeforeTruncatedLastRecord() throws IOException
    {
        final byte[] whole = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535)
            .record(1, 0, frame).record(2, 0, frame).bytes();
        final Path file = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(whole, whole.length - 5));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            assertFalse(reader.next(record));
            assertEquals(1, reader.malformedRecords());
            assertNotNull(reader.fault());
            assertTrue(reader.fault().contains("truncated record"), reader.fault());
        }
    }

    @Test
    void shouldStopAtRecordWhoseCapturedLengthExceedsSnapLength() throws IOException
    {
        final CaptureFileBuilder builder = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 128)
            .record(1, 0, frame);
        // A corrupt header: captured length 0x7FFFFFF0 with nothing behind it.
        builder.raw(builder.buffer(16).putInt(2).putInt(0).putInt(0x7FFF_FFF0).putInt(60).array());
        final Path file = builder.write(dir.resolve("corrupt.pcap"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            assertTrue(reader.next(record));
            assertFalse(reader.next(record));
            assertFalse(reader.next(record));
            assertEquals(1, reader.malformedRecords());
            assertTrue(reader.fault().startsWith("corrupt record header at byte"), reader.fault());
        }
    }

    @Test
    void shouldRefuseFileWithoutCaptureMagic() throws IOException
    {
        final Path file = Files.write(dir.resolve("text.pcap"), "hello, this is not a capture".getBytes());
        final CaptureFormatException ex = assertThrows(CaptureFormatException.class, () -> CaptureReaders.open(file));
        assertTrue(ex.getMessage().startsWith("not a pcap file"), ex.getMessage());
    }

    @Test
    void shouldRefuseEmptyFile() throws IOException
    {
        final Path file = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        assertThrows(CaptureFormatException.class, () -> CaptureReaders.open(file));
    }

    @Test
    void shouldReadGzipCompressedPcapByContentNotName() throws IOException
    {
        final Path file = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535)
            .record(1, 0, frame).record(2, 0, frame).record(3, 0, frame)
            .writeGzip(dir.resolve("no-gz-suffix.pcap"));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            int count = 0;
            while (reader.next(record))
            {
                assertArrayEquals(frame, bytesOf(record));
                count++;
            }
            assertEquals(3, count);
            assertNull(reader.fault());
            assertEquals(-1, reader.size());
        }
    }

    @Test
    void shouldKeepRecordsBeforeTruncatedGzipStream() throws IOException
    {
        final CaptureFileBuilder builder = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535);
        for (int i = 0; i < 200; i++)
        {
            builder.record(i, 0, new SegmentBuilder().sequence(i, 0).payload(i).ethernet());
        }
        final byte[] gzip = Files.readAllBytes(builder.writeGzip(dir.resolve("whole.gz")));
        final Path file = Files.write(dir.resolve("cut.gz"), java.util.Arrays.copyOf(gzip, gzip.length / 2));

        try (CaptureReader reader = CaptureReaders.open(file))
        {
            final PacketRecord record = new PacketRecord();
            int count = 0;
            while (reader.next(record))
            {
                count++;
            }
            assertTrue(count > 10 && count < 200, "records before the cut: " + count);
            assertTrue(reader.fault().startsWith("gzip stream truncated"), reader.fault());
        }
    }

    static byte[] bytesOf(final PacketRecord record)
    {
        final byte[] bytes = new byte[record.capturedLength()];
        record.buffer().getBytes(record.offset(), bytes);
        return bytes;
    }

    static byte[] bytes(final int... values)
    {
        return Bytes.of(values);
    }
}
