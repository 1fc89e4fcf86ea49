package org.mptcpstat.parser.source;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.LinkType;
import org.mptcpstat.parser.testing.CaptureFileBuilder;
import org.mptcpstat.parser.testing.SegmentBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappedFileSourceTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadRecordsThatCrossMappingChunkBoundaries() throws IOException
    {
        final CaptureFileBuilder builder = CaptureFileBuilder.pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535);
        for (int i = 0; i < 300; i++)
        {
            builder.record(i, i, new SegmentBuilder().sequence(i, 0).payload(i % 97).ethernet());
        }
        final Path file = builder.write(dir.resolve("chunks.pcap"));

        // Chunks of 100 bytes overlapping by 8: most records straddle a boundary or exceed the overlap.
        for (final long[] geometry : new long[][] { { 100, 8 }, { 4096, 0 }, { 61, 200 }, { 1 << 20, 1 << 20 } })
        {
            try (CaptureReader reader = CaptureReaders.open(
                new MappedFileSource(file, geometry[0], geometry[1])))
            {
                final PacketRecord record = new PacketRecord();
                int count = 0;
                while (reader.next(record))
                {
                    final SegmentBuilder expected = new SegmentBuilder().sequence(count, 0).payload(count % 97);
                    final byte[] expectedBytes = expected.ethernet();
                    final byte[] actual = new byte[record.capturedLength()];
                    record.buffer().getBytes(record.offset(), actual);
                    assertEquals(java.util.Arrays.toString(expectedBytes), java.util.Arrays.toString(actual),
                        "record " + count + " with chunk " + geometry[0] + "/" + geometry[1]);
                    count++;
                }
                assertEquals(300, count);
                assertNull(reader.fault());
            }
        }
    }

    @Test
    void shouldReportFewerBytesAtEndOfFile() throws IOException
    {
        final Path file = Files.write(dir.resolve("ten"), new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
        try (MappedFileSource source = new MappedFileSource(file, 4, 2))
        {
            assertEquals(4, source.fetch(6, 8));
            assertEquals(6, source.buffer().getByte(source.index()));
            assertEquals(0, source.fetch(10, 1));
            assertEquals(10, source.size());
            assertFalse(source.fault() != null);
        }
    }

    @Test
    void shouldKeepEveryMappingItMovesPastForTheRetirementToUnmap() throws IOException
    {
        final byte[] bytes = new byte[64];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)i;
        }
        final Path file = Files.write(dir.resolve("bytes"), bytes);
        final List<Runnable> retired = new ArrayList<>();
        final long[] addresses = new long[bytes.length / 8];
        try (MappedFileSource source = new MappedFileSource(file, 8, 0))
        {
            assertTrue(source.retireMappingsTo(retired::add));
            for (int chunk = 0; chunk < addresses.length; chunk++)
            {
                assertEquals(8, source.fetch(chunk * 8L, 8));
                addresses[chunk] = source.buffer().addressOffset() + source.index();
            }

            assertEquals(addresses.length - 1, retired.size(), "every chunk but the current one");
            for (int chunk = 0; chunk < addresses.length; chunk++)
            {
                final UnsafeBuffer window = new UnsafeBuffer(addresses[chunk], 8);
                assertEquals(chunk * 8 + 7, window.getByte(7), "chunk " + chunk + " still mapped where it was read");
            }
            retired.forEach(Runnable::run);
            retired.clear();

            // Back to unmapping at once: the source keeps nothing for anyone.
            source.retireMappingsTo(null);
            assertEquals(8, source.fetch(0, 8));
            assertEquals(0, source.buffer().getByte(source.index()));
        }
        assertTrue(retired.isEmpty(), "closing unmaps the current mapping itself: " + retired.size());
    }

    @Test
    void shouldLeaveRecordsOfAStreamToBeCopied() throws IOException
    {
        try (CaptureSource stream = CaptureSources.open(new ByteArrayInputStream(new byte[16])))
        {
            assertFalse(stream.retireMappingsTo(unmap -> { }), "a stream reuses its window");
        }
    }
}
