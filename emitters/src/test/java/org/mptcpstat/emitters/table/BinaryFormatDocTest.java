package org.mptcpstat.emitters.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code docs/FORMAT.md} is what people write readers from, so its worked example must be the
 * bytes mptcpstat really writes, offset for offset.
 */
class BinaryFormatDocTest
{
    private static final TableSchema DEMO = TableSchema.builder("demo", "")
        .column("pkts", ColumnType.INT64, "packets", "", "")
        .column("src", ColumnType.ADDRESS, "", "", "")
        .enumColumn("dir", List.of("up", "down"), "", "")
        .column("ok", ColumnType.BOOLEAN, "", "", "")
        .build();

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheWorkedExampleOfTheFormatDocument() throws IOException
    {
        try (RowSink sink = TableSinks.open(dir, DEMO, EnumSet.allOf(TableFormat.class), 6))
        {
            sink.beginRow();
            sink.putLong(5);
            sink.putAddress(4, 0, 0x0A00_0001L);
            sink.putEnum(1);
            sink.putBoolean(true);
            sink.endRow();
            sink.beginRow();
            sink.putNull();
            sink.putAddress(6, SampleTable.DB8, 1);
            sink.putNull();
            sink.putNull();
            sink.endRow();
            sink.commit();
        }
        final String document = Files.readString(formatDocument());
        assertEquals(codeBlock(document, "<!-- demo.csv -->"), Files.readString(dir.resolve("demo.csv")));
        assertEquals(annotatedHex(codeBlock(document, "<!-- demo.bin -->")),
            HexFormat.ofDelimiter(" ").formatHex(Files.readAllBytes(dir.resolve("demo.bin"))));
    }

    @Test
    void shouldConvertTheWorkedExampleBackToItsCsv() throws IOException
    {
        final String document = Files.readString(formatDocument());
        final Path bin = Files.write(dir.resolve("demo.bin"),
            HexFormat.ofDelimiter(" ").parseHex(annotatedHex(codeBlock(document, "<!-- demo.bin -->"))));
        final ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try (BinaryTableReader reader = BinaryTableReader.open(bin);
            CsvSink sink = CsvSink.toStream(csv, reader.schema(), reader.timeDecimals(), reader.floatDecimals()))
        {
            assertEquals(DEMO.columns(), reader.schema().columns());
            reader.replay(sink);
            sink.commit();
        }
        assertEquals(codeBlock(document, "<!-- demo.csv -->"), csv.toString(StandardCharsets.UTF_8));
    }

    private static Path formatDocument()
    {
        final Path testdata = Paths.get(System.getProperty("mptcpstat.testdata", "../testdata")).toAbsolutePath();
        return testdata.normalize().getParent().resolve("docs").resolve("FORMAT.md");
    }

    /** @return the text of the fenced block that follows {@code marker}, each line ending in a newline. */
    private static String codeBlock(final String document, final String marker)
    {
        final int start = document.indexOf("```\n", document.indexOf(marker)) + "```\n".length();
        return document.substring(start, document.indexOf("```", start));
    }

    /**
     * @return the bytes of lines {@code OFFSET  HEX HEX ... | comment} as space-separated hex,
     * checking that each offset is where the bytes before it end.
     */
    private static String annotatedHex(final String block)
    {
        final StringBuilder hex = new StringBuilder();
        int offset = 0;
        for (final String line : block.split("\n"))
        {
            final String[] fields = line.substring(0, line.indexOf('|')).trim().split(" +");
            assertEquals(offset, Integer.parseInt(fields[0], 16), line);
            for (int i = 1; i < fields.length; i++)
            {
                hex.append(hex.length() == 0 ? "" : " ").append(fields[i]);
                offset++;
            }
        }
        return hex.toString();
    }
}
