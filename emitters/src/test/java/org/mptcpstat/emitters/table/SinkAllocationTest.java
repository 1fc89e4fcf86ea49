package org.mptcpstat.emitters.table;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writing a table must not allocate per row: the bytes allocated while writing a whole table,
 * opening and committing included, must not grow with its number of rows.
 */
class SinkAllocationTest
{
    private static final int SMALL = 10_000;
    private static final int LARGE = 110_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TableFormat.class)
    void shouldAllocateNothingPerRowWhenWriting(final TableFormat format) throws IOException
    {
        for (int warmUp = 0; warmUp < 5; warmUp++)
        {
            write(format, SMALL);
            write(format, LARGE);
        }
        final long smallBytes = allocatedBytes(() -> write(format, SMALL));
        final long largeBytes = allocatedBytes(() -> write(format, LARGE));
        assertNothingPerRow(smallBytes, largeBytes);
    }

    @Test
    void shouldAllocateNothingPerRowWhenConvertingBinaryToCsv() throws IOException
    {
        write(TableFormat.BIN, SMALL);
        final Path small = dir.resolve("small.bin");
        Files.move(dir.resolve("sample.bin"), small);
        write(TableFormat.BIN, LARGE);
        final Path large = dir.resolve("sample.bin");
        for (int warmUp = 0; warmUp < 5; warmUp++)
        {
            convert(small);
            convert(large);
        }
        assertNothingPerRow(allocatedBytes(() -> convert(small)), allocatedBytes(() -> convert(large)));
    }

    private static void assertNothingPerRow(final long smallBytes, final long largeBytes)
    {
        // Opening a table allocates a fixed amount (buffers, encoded header and labels); rows add nothing.
        final double perRow = (largeBytes - smallBytes) / (double)(LARGE - SMALL);
        assertTrue(perRow < 0.1, "bytes allocated per row: " + perRow + " (" + smallBytes + " for " + SMALL + ", " +
            largeBytes + " for " + LARGE + ")");
    }

    private void write(final TableFormat format, final int rows) throws IOException
    {
        try (RowSink sink = TableSinks.open(dir, SampleTable.SCHEMA, Set.of(format), 9))
        {
            for (int i = 0; i < rows; i++)
            {
                sink.beginRow();
                sink.putLong(i * 1_000_003L);
                sink.putDouble(i / 7.0);
                sink.putNanos(1_529_037_839_537_115_721L + i * 1_234_567L);
                sink.putNanos(i % 3 == 0 ? Long.MIN_VALUE : -i * 997L);
                sink.putAddress(4, 0, 0xC0A8_0000L + i);
                sink.putAddress(6, SampleTable.DB8 + (i & 0xFFFF), i);
                sink.putEnum(i % 4 - 1);
                if ((i & 1) == 0)
                {
                    sink.putBoolean(i % 4 == 0);
                }
                else
                {
                    sink.putNull();
                }
                sink.endRow();
            }
            sink.commit();
        }
    }

    private static void convert(final Path file) throws IOException
    {
        try (BinaryTableReader reader = BinaryTableReader.open(file);
            CsvSink csv = CsvSink.toStream(OutputStream.nullOutputStream(), reader.schema(), reader.timeDecimals(),
                reader.floatDecimals()))
        {
            reader.replay(csv);
            csv.commit();
        }
    }

    private static long allocatedBytes(final Work work) throws IOException
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        work.run();
        return threads.getThreadAllocatedBytes(threadId) - before;
    }

    @FunctionalInterface
    private interface Work
    {
        void run() throws IOException;
    }
}
