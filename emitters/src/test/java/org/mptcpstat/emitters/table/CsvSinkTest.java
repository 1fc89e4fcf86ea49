package org.mptcpstat.emitters.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvSinkTest
{
    private static final TableSchema ONE_OF_EACH = TableSchema.builder("t", "")
        .column("n", ColumnType.INT64, "", "", "")
        .column("x", ColumnType.FLOAT64, "", "", "")
        .column("at", ColumnType.TIME, "s", "", "")
        .build();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String written()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteHeaderThenOneLfTerminatedLinePerRow() throws IOException
    {
        try (CsvSink sink = CsvSink.create(dir, SampleTable.SCHEMA, 6, 3))
        {
            SampleTable.writeRows(sink);
            sink.commit();
        }
        assertEquals(SampleTable.CSV, Files.readString(dir.resolve("sample.csv")));
    }

    @Test
    void shouldWriteNotMeasuredValuesAsEmptyCells() throws IOException
    {
        try (CsvSink sink = CsvSink.toStream(out, SampleTable.SCHEMA, 6, 3))
        {
            SampleTable.writeRows(sink);
            sink.commit();
        }
        assertEquals(",,,,,,,", written().split("\n")[2]);
    }

    @Test
    void shouldQuoteLabelsContainingCommas() throws IOException
    {
        final TableSchema schema = TableSchema.builder("t", "")
            .enumColumn("a,b", List.of("plain", "x,y", "say \"hi\"", "two\nlines"), "", "")
            .build();
        try (CsvSink sink = CsvSink.toStream(out, schema, 6, 3))
        {
            for (int label = -1; label < 4; label++)
            {
                sink.beginRow();
                sink.putEnum(label);
                sink.endRow();
            }
            sink.commit();
        }
        assertEquals("\"a,b\"\n\nplain\n\"x,y\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n", written());
    }

    @Test
    void shouldFormatDoublesWithoutExponentWhateverTheLocale() throws IOException
    {
        final Locale original = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try (CsvSink sink = CsvSink.toStream(out, ONE_OF_EACH, 9, 3))
        {
            for (final double value : new double[] { 1e-5, 1234567.891, -0.0, 1e15, 0.0005, -2.5e-4, 1e300 })
            {
                sink.beginRow();
                sink.putLong(1_000_000);
                sink.putDouble(value);
                sink.putNanos(1_000_000_001L);
                sink.endRow();
            }
            sink.commit();
        }
        finally
        {
            Locale.setDefault(original);
        }
        final String[] lines = written().split("\n");
        assertEquals("1000000,0.000,1.000000001", lines[1]);
        assertEquals("1000000,1234567.891,1.000000001", lines[2]);
        assertEquals("1000000,0.000,1.000000001", lines[3]);
        assertEquals("1000000,1000000000000000.000,1.000000001", lines[4]);
        // 0.0005 is 0.000500000000000000010408... as a double, so it rounds up.
        assertEquals("1000000,0.001,1.000000001", lines[5]);
        assertEquals("1000000,0.000,1.000000001", lines[6], "rounded to zero, so no sign");
        assertEquals("1000000," + new BigDecimal(1e300).setScale(3).toPlainString() + ",1.000000001", lines[7]);
        assertFalse(written().contains("E") || written().contains("e"), written());
    }

    @Test
    void shouldTruncateTimesAndDurationsToTheCapturePrecision() throws IOException
    {
        final TableSchema schema = TableSchema.builder("t", "")
            .column("at", ColumnType.TIME, "s", "", "")
            .column("took", ColumnType.DURATION, "s", "", "")
            .build();
        try (CsvSink micro = CsvSink.toStream(out, schema, 6, 3))
        {
            micro.beginRow();
            micro.putNanos(1_529_037_839_537_115_999L);
            micro.putNanos(-1_999);
            micro.endRow();
            micro.commit();
        }
        try (CsvSink nano = CsvSink.toStream(out, schema, 9, 3))
        {
            nano.beginRow();
            nano.putNanos(1_529_037_839_537_115_999L);
            nano.putNanos(-1_999);
            nano.endRow();
            nano.commit();
        }
        assertEquals("at,took\n1529037839.537115,-0.000001\nat,took\n1529037839.537115999,-0.000001999\n",
            written());
    }

    @Test
    void shouldRejectRowsOfTheWrongShapeOrType() throws IOException
    {
        try (CsvSink sink = CsvSink.toStream(out, ONE_OF_EACH, 6, 3))
        {
            sink.beginRow();
            sink.putLong(1);
            assertThrows(IllegalStateException.class, sink::endRow, "too few values");
            assertThrows(IllegalStateException.class, () -> sink.putLong(2), "INT64 into FLOAT64");
        }
        try (CsvSink sink = CsvSink.toStream(out, ONE_OF_EACH, 6, 3))
        {
            sink.beginRow();
            sink.putLong(1);
            sink.putDouble(2);
            sink.putNanos(3);
            assertThrows(IllegalStateException.class, sink::putNull, "too many values");
            assertThrows(IllegalStateException.class, sink::commit, "commit inside a row");
        }
        try (CsvSink sink = CsvSink.toStream(out, ONE_OF_EACH, 6, 3))
        {
            assertThrows(IllegalStateException.class, () -> sink.putLong(1), "value outside a row");
        }
    }

    @Test
    void shouldLeaveNoFileBehindWhenAborted() throws IOException
    {
        try (CsvSink sink = CsvSink.create(dir, SampleTable.SCHEMA, 6, 3))
        {
            SampleTable.writeRows(sink);
            sink.abort();
        }
        try (CsvSink sink = CsvSink.create(dir, SampleTable.SCHEMA, 6, 3))
        {
            SampleTable.writeRows(sink);
            // closed without a commit: an exception is unwinding
        }
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void shouldReplaceAnOlderTableOnlyOnCommit() throws IOException
    {
        Files.writeString(dir.resolve("sample.csv"), "older run\n");
        try (CsvSink sink = CsvSink.create(dir, SampleTable.SCHEMA, 6, 3))
        {
            SampleTable.writeRows(sink);
            assertEquals("older run\n", Files.readString(dir.resolve("sample.csv")));
            sink.commit();
        }
        assertEquals(SampleTable.CSV, Files.readString(dir.resolve("sample.csv")));
        assertEquals(List.of("sample.csv"), filesIn(dir));
    }

    static List<String> filesIn(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
