package org.mptcpstat.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableFormat;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.emitters.table.TableSinks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mptcpstat convert} as a user meets it: the CSV on standard output, one-line errors. */
class ConvertCommandTest
{
    private static final TableSchema SCHEMA = TableSchema.builder("flows", "a small table")
        .column("packets", ColumnType.INT64, "packets", "", "")
        .column("rate", ColumnType.FLOAT64, "bytes/s", "", "")
        .column("first", ColumnType.TIME, "s", "", "")
        .column("client", ColumnType.ADDRESS, "", "", "")
        .enumColumn("state", List.of("open", "closed, reset"), "", "")
        .column("mptcp", ColumnType.BOOLEAN, "", "", "")
        .build();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return Main.run(args, out, new PrintWriter(err, true));
    }

    /** Writes the table as both CSV and binary, in one pass, with nanosecond timestamps. */
    private void writeTable() throws IOException
    {
        try (RowSink sink = TableSinks.open(dir, SCHEMA, EnumSet.allOf(TableFormat.class), 9))
        {
            for (int i = 0; i < 1000; i++)
            {
                sink.beginRow();
                sink.putLong(i);
                sink.putDouble(i / 3.0);
                sink.putNanos(1_700_000_000_123_456_789L + i);
                sink.putAddress(6, 0x2001_0DB8_0000_0000L, i);
                sink.putEnum(i % 3 - 1);
                if (i % 2 == 0)
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

    @Test
    void shouldPrintTheBinaryTableAsTheCsvTheRunWrote() throws IOException
    {
        writeTable();

        assertEquals(0, run("convert", dir.resolve("flows.bin").toString()));

        assertEquals("", err.toString());
        assertEquals(Files.readString(dir.resolve("flows.csv")), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith(
            "packets,rate,first,client,state,mptcp\n0,0.000,1700000000.123456789,2001:db8::,,1\n"));
    }

    @Test
    void shouldReportAMissingFileInOneLine()
    {
        final Path missing = dir.resolve("missing.bin");

        assertEquals(1, run("convert", missing.toString()));

        assertEquals("mptcpstat: " + missing + ": no such file\n", err.toString().replace("\r\n", "\n"));
        assertEquals(0, out.size());
    }

    @Test
    void shouldReportATruncatedFileInOneLineWithoutStackTrace() throws IOException
    {
        writeTable();
        final byte[] whole = Files.readAllBytes(dir.resolve("flows.bin"));
        final Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(whole, whole.length - 10));

        assertEquals(1, run("convert", cut.toString()));

        final String[] errors = err.toString().trim().split("\n");
        assertEquals(1, errors.length, err.toString());
        assertTrue(errors[0].startsWith("mptcpstat: " + cut + ": truncated: 1000 rows need "), errors[0]);
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void shouldReportAFileOfAnotherKindInOneLine() throws IOException
    {
        writeTable();
        final Path csv = dir.resolve("flows.csv");

        assertEquals(1, run("convert", csv.toString()));

        assertEquals("mptcpstat: " + csv + ": not an mptcpstat binary table (no MPTCPTBL magic)",
            err.toString().trim());
    }

    @Test
    void shouldRequireExactlyOneFile()
    {
        assertEquals(2, run("convert"));
        assertEquals(0, run("convert", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FILE"), out.toString(StandardCharsets.UTF_8));
    }
}
