package org.mptcpstat.emitters.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableSinksTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryChosenFormatFromOnePass() throws IOException
    {
        try (RowSink sink = TableSinks.open(dir, SampleTable.SCHEMA, EnumSet.allOf(TableFormat.class), 6))
        {
            SampleTable.writeRows(sink);
            sink.commit();
        }
        assertEquals(List.of("sample.bin", "sample.csv"), CsvSinkTest.filesIn(dir));
        assertEquals(SampleTable.CSV, Files.readString(dir.resolve("sample.csv")));
    }

    @Test
    void shouldReproduceCsvExactlyFromBinaryAtNanosecondPrecision() throws IOException
    {
        try (RowSink sink = TableSinks.open(dir, SampleTable.SCHEMA, EnumSet.allOf(TableFormat.class), 9))
        {
            SampleTable.writeRows(sink);
            sink.commit();
        }
        final ByteArrayOutputStream converted = new ByteArrayOutputStream();
        try (BinaryTableReader reader = BinaryTableReader.open(dir.resolve("sample.bin"));
            CsvSink csv = CsvSink.toStream(converted, reader.schema(), reader.timeDecimals(), reader.floatDecimals()))
        {
            reader.replay(csv);
            csv.commit();
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("sample.csv")), converted.toByteArray());
    }

    @Test
    void shouldWriteOnlyTheChosenFormat() throws IOException
    {
        try (RowSink sink = TableSinks.open(dir, SampleTable.SCHEMA, Set.of(TableFormat.BIN), 6))
        {
            SampleTable.writeRows(sink);
            sink.commit();
        }
        assertEquals(List.of("sample.bin"), CsvSinkTest.filesIn(dir));
    }

    @Test
    void shouldLeaveNoFileBehindWhenAborted() throws IOException
    {
        try (RowSink sink = TableSinks.open(dir, SampleTable.SCHEMA, EnumSet.allOf(TableFormat.class), 6))
        {
            SampleTable.writeRows(sink);
            sink.abort();
        }
        try (RowSink sink = TableSinks.open(dir, SampleTable.SCHEMA, EnumSet.allOf(TableFormat.class), 6))
        {
            SampleTable.writeRows(sink);
        }
        assertEquals(List.of(), CsvSinkTest.filesIn(dir));
    }

    @Test
    void shouldRemoveTheOpenedFormatsWhenAnotherCannotBeOpened() throws IOException
    {
        Files.createDirectory(dir.resolve(".sample.bin.tmp"));
        assertThrows(IOException.class,
            () -> TableSinks.open(dir, SampleTable.SCHEMA, EnumSet.allOf(TableFormat.class), 6));
        assertEquals(List.of(".sample.bin.tmp"), CsvSinkTest.filesIn(dir));
    }

    @Test
    void shouldRejectAnEmptyChoiceOfFormats()
    {
        assertThrows(IllegalArgumentException.class,
            () -> TableSinks.open(dir, SampleTable.SCHEMA, Set.of(), 6));
    }
}
