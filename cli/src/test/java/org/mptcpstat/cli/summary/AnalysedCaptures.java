package org.mptcpstat.cli.summary;

import org.mptcpstat.cli.Main;
import org.mptcpstat.cli.TestData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The committed captures analysed into a folder, and their CSV tables read back: the independent
 * figures the binary-table summary is checked against.
 */
public final class AnalysedCaptures
{
    private final Path output;

    private AnalysedCaptures(final Path output)
    {
        this.output = output;
    }

    /** Runs {@code mptcpstat analyze} on {@code testdata/captures}, writing into {@code output}. */
    public static AnalysedCaptures into(final Path output)
    {
        final StringWriter err = new StringWriter();
        final String[] args = { "analyze", "-q", "-o", output.toString(), TestData.root().resolve("captures").toString() };
        assertEquals(0, Main.run(args, new ByteArrayOutputStream(), new PrintWriter(err, true)), err.toString());
        return new AnalysedCaptures(output);
    }

    /** Tables already written into {@code output}, one folder per capture. */
    public static AnalysedCaptures of(final Path output)
    {
        return new AnalysedCaptures(output);
    }

    public Path output()
    {
        return output;
    }

    /** @return the capture folders, sorted. */
    public List<Path> folders() throws IOException
    {
        try (Stream<Path> entries = Files.list(output))
        {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** @return every row of {@code table.csv} of every capture, as column name to cell. */
    public List<Map<String, String>> rows(final String table) throws IOException
    {
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final Path folder : folders())
        {
            final List<String> lines = Files.readAllLines(folder.resolve(table + ".csv"));
            final String[] header = lines.get(0).split(",", -1);
            // Each capture's ids start again at 0: keep the folder to tell its connections apart.
            for (final String line : lines.subList(1, lines.size()))
            {
                final String[] cells = line.split(",", -1);
                final Map<String, String> row = new HashMap<>();
                row.put("capture", folder.getFileName().toString());
                for (int i = 0; i < header.length; i++)
                {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** An empty cell (not measured) counts as 0, as in the summary. */
    public static long number(final Map<String, String> row, final String column)
    {
        final String cell = row.get(column);
        return cell.isEmpty() ? 0 : Long.parseLong(cell);
    }

    public static long sum(final List<Map<String, String>> rows, final String column)
    {
        return rows.stream().mapToLong(row -> number(row, column)).sum();
    }

    public static long count(final List<Map<String, String>> rows, final Predicate<Map<String, String>> which)
    {
        return rows.stream().filter(which).count();
    }
}
