package org.mptcpstat.emitters.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link BinarySink} and {@link BinaryTableReader} together: what one writes, the other reads back. */
class BinaryTableTest
{
    @TempDir
    Path dir;

    private Path writeSample() throws IOException
    {
        try (BinarySink sink = BinarySink.create(dir, SampleTable.SCHEMA, 6, 3))
        {
            SampleTable.writeRows(sink);
            sink.commit();
        }
        return dir.resolve("sample.bin");
    }

    @Test
    void shouldRoundTripEveryTypeAndNotMeasuredValues() throws IOException
    {
        final RecordingSink replayed = new RecordingSink();
        try (BinaryTableReader reader = BinaryTableReader.open(writeSample()))
        {
            assertEquals(SampleTable.SCHEMA.name(), reader.schema().name());
            assertEquals(SampleTable.SCHEMA.description(), reader.schema().description());
            assertEquals(SampleTable.SCHEMA.columns(), reader.schema().columns());
            assertEquals(6, reader.timeDecimals());
            assertEquals(3, reader.floatDecimals());
            assertEquals(4, reader.rowCount());
            reader.replay(replayed);
        }
        assertEquals(List.of(
            "[", "long 42", "double 1.5", "nanos 1529037839537115721", "nanos 250000", "ipv4 0 c0a80102",
            "ipv6 20010db800000000 1", "enum 0", "boolean true", "]",
            "[", "long " + Long.MIN_VALUE, "double NaN", "nanos " + Long.MIN_VALUE, "nanos " + Long.MIN_VALUE,
            "null", "null", "enum -1", "null", "]",
            "[", "long -7", "double -0.0", "nanos 0", "nanos -500000", "ipv6 0 ffff01020304", "ipv6 fe80000000000000 1",
            "enum 1", "boolean false", "]",
            "[", "long " + Long.MAX_VALUE, "double 1.0E20", "nanos -1000000000", "nanos -999", "ipv4 0 ffffffff",
            "ipv6 0 0", "enum 2", "null", "]"), replayed.calls);
    }

    @Test
    void shouldReproduceCsvExactlyFromBinary() throws IOException
    {
        final ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try (BinaryTableReader reader = BinaryTableReader.open(writeSample());
            CsvSink sink = CsvSink.toStream(csv, reader.schema(), reader.timeDecimals(), reader.floatDecimals()))
        {
            reader.replay(sink);
            sink.commit();
        }
        assertEquals(SampleTable.CSV, csv.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadManyRowsAcrossBufferBoundaries() throws IOException
    {
        final TableSchema schema = TableSchema.builder("counter", "")
            .column("i", ColumnType.INT64, "", "", "")
            .column("odd", ColumnType.BOOLEAN, "", "", "")
            .build();
        final int rows = 100_003;
        try (BinarySink sink = BinarySink.create(dir, schema, 9, 3))
        {
            for (int i = 0; i < rows; i++)
            {
                sink.beginRow();
                sink.putLong(i);
                sink.putBoolean((i & 1) != 0);
                sink.endRow();
            }
            sink.commit();
        }
        final ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try (BinaryTableReader reader = BinaryTableReader.open(dir.resolve("counter.bin"));
            CsvSink sink = CsvSink.toStream(csv, reader.schema(), reader.timeDecimals(), reader.floatDecimals()))
        {
            assertEquals(rows, reader.rowCount());
            reader.replay(sink);
            sink.commit();
        }
        final String[] lines = csv.toString(StandardCharsets.US_ASCII).split("\n");
        assertEquals(rows + 1, lines.length);
        assertEquals("65536,0", lines[65537]);
        assertEquals("100002,0", lines[rows]);
    }

    @Test
    void shouldLeaveNoFileBehindWhenAborted() throws IOException
    {
        try (BinarySink sink = BinarySink.create(dir, SampleTable.SCHEMA, 6, 3))
        {
            SampleTable.writeRows(sink);
            sink.abort();
        }
        try (BinarySink sink = BinarySink.create(dir, SampleTable.SCHEMA, 6, 3))
        {
            SampleTable.writeRows(sink);
        }
        assertEquals(List.of(), CsvSinkTest.filesIn(dir));
    }

    @Test
    void shouldRejectValuesTheColumnCannotHold() throws IOException
    {
        try (BinarySink sink = BinarySink.create(dir, SampleTable.SCHEMA, 6, 3))
        {
            sink.beginRow();
            assertThrows(IllegalStateException.class, () -> sink.putDouble(1), "FLOAT64 into INT64");
            sink.putLong(1);
            sink.putDouble(1);
            sink.putNanos(1);
            sink.putNanos(1);
            assertThrows(IllegalArgumentException.class, () -> sink.putAddress(5, 0, 0));
            sink.putNull();
            sink.putNull();
            assertThrows(IllegalArgumentException.class, () -> sink.putEnum(3));
        }
    }

    @Test
    void shouldRejectTruncatedBinaryFile() throws IOException
    {
        final byte[] whole = Files.readAllBytes(writeSample());
        for (int length = 0; length < whole.length; length++)
        {
            final Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(whole, length));
            final IOException ex = assertThrows(IOException.class, () -> readAll(cut), "cut at " + length);
            assertOneLine(ex);
        }
        final int rowWidth = 8 * 4 + 17 * 2 + 2 + 1;
        assertEquals("truncated: 4 rows need 276 bytes after the header, the file has 207",
            readAllFailure(Arrays.copyOf(whole, whole.length - rowWidth)));
    }

    @Test
    void shouldRejectCorruptColumnCount() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(writeSample());
        final int columnCountOffset = BinaryFormat.FIXED_HEADER_LENGTH + 2 + "sample".length() + 2 +
            "every column type".length();
        assertEquals(8, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(columnCountOffset));

        putShort(bytes, columnCountOffset, 0xFFFF);
        assertEquals("corrupt header: column 8 of 65535 runs past the header's " + headerLength(bytes) + " bytes",
            readAllFailure(bytes));
        putShort(bytes, columnCountOffset, 0);
        assertEquals("corrupt header: column count 0", readAllFailure(bytes));
        putShort(bytes, columnCountOffset, 7);
        assertTrue(readAllFailure(bytes).startsWith("corrupt header: "), readAllFailure(bytes));
    }

    @Test
    void shouldRejectRepeatedColumnNames() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(writeSample());
        final byte[] client = "client".getBytes(StandardCharsets.US_ASCII);
        final int at = indexOf(bytes, client);
        System.arraycopy("server".getBytes(StandardCharsets.US_ASCII), 0, bytes, at, client.length);
        assertEquals("corrupt header: column 5 of 8 repeats a name", readAllFailure(bytes));
    }

    private static int indexOf(final byte[] bytes, final byte[] part)
    {
        for (int i = 0; i + part.length <= bytes.length; i++)
        {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length))
            {
                return i;
            }
        }
        return fail("not found");
    }

    @Test
    void shouldRejectOtherFilesAndOtherVersions() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(writeSample());
        final byte[] csv = SampleTable.CSV.getBytes(StandardCharsets.UTF_8);
        assertEquals("not an mptcpstat binary table (no MPTCPTBL magic)", readAllFailure(csv));
        putShort(bytes, BinaryFormat.VERSION_OFFSET, 2);
        assertEquals("unsupported format version 2 (this mptcpstat reads 1)", readAllFailure(bytes));
    }

    @Test
    void shouldRejectAHugeHeaderLengthBeforeAllocatingIt() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(writeSample());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(BinaryFormat.HEADER_LENGTH_OFFSET, -1);
        assertEquals("corrupt header: header length 4294967295", readAllFailure(bytes));
    }

    @Test
    void shouldRejectCorruptCellsAndTrailingBytes() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(writeSample());
        final int firstRow = headerLength(bytes);
        final int stateOffset = firstRow + 8 * 4 + 17 * 2;
        final int rowWidth = 8 * 4 + 17 * 2 + 2 + 1;

        final byte[] badEnum = bytes.clone();
        putShort(badEnum, stateOffset, 3);
        assertEquals("corrupt row 0, column 6: label index 3 of 3", readAllFailure(badEnum));

        final byte[] badBoolean = bytes.clone();
        badBoolean[firstRow + rowWidth + rowWidth - 1] = 2;
        assertEquals("corrupt row 1, column 7: boolean 2", readAllFailure(badBoolean));

        final byte[] badAddress = bytes.clone();
        badAddress[firstRow + 8 * 4] = 5;
        assertEquals("corrupt row 0, column 4: address of version 5", readAllFailure(badAddress));

        final byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertEquals("corrupt: 3 bytes after the last of 4 rows", readAllFailure(longer));
    }

    /** Whatever one header byte turns into, the reader fails with a one-line IOException or reads a table. */
    @Test
    void shouldFailOnlyWithIOExceptionWhateverHeaderByteIsDamaged() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(writeSample());
        final Path damaged = dir.resolve("damaged.bin");
        for (int offset = 0; offset < headerLength(bytes); offset++)
        {
            for (final int change : new int[] { 0x01, 0x80, 0xFF, bytes[offset] })
            {
                final byte[] copy = bytes.clone();
                copy[offset] ^= (byte)change;
                Files.write(damaged, copy);
                try
                {
                    readAll(damaged);
                }
                catch (final IOException ex)
                {
                    assertOneLine(ex);
                }
                catch (final RuntimeException ex)
                {
                    fail("byte " + offset + " ^ " + change + ": " + ex, ex);
                }
            }
        }
    }

    private static void readAll(final Path file) throws IOException
    {
        try (BinaryTableReader reader = BinaryTableReader.open(file);
            CsvSink csv = CsvSink.toStream(OutputStream.nullOutputStream(), reader.schema(), reader.timeDecimals(),
                reader.floatDecimals()))
        {
            reader.replay(csv);
            csv.commit();
        }
    }

    private String readAllFailure(final byte[] bytes) throws IOException
    {
        final Path file = Files.write(dir.resolve("bad.bin"), bytes);
        final IOException ex = assertThrows(IOException.class, () -> readAll(file));
        assertOneLine(ex);
        return ex.getMessage();
    }

    private static void assertOneLine(final IOException ex)
    {
        assertFalse(ex.getMessage().isEmpty() || ex.getMessage().contains("\n"), ex.getMessage());
    }

    private static int headerLength(final byte[] bytes)
    {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(BinaryFormat.HEADER_LENGTH_OFFSET);
    }

    private static void putShort(final byte[] bytes, final int offset, final int value)
    {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short)value);
    }
}
