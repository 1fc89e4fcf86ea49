package org.mptcpstat.cli.analyze;

import org.mptcpstat.cli.compat.CompatAnalysis;
import org.mptcpstat.cli.compat.CompatFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** tstat logs, mptcpstat's ({@code --compat tstat}) or tstat's own, read into rows of named cells. */
final class TstatLogs
{
    static final String COMPLETE = "log_tcp_complete";
    static final String NOCOMPLETE = "log_tcp_nocomplete";
    /** The pseudo-column that tells which log a row came from. */
    static final String LOG = "log";

    private TstatLogs()
    {
    }

    /** Analyzes a capture with {@code --compat tstat} (and CSV tables) into {@code folder}. */
    static void analyze(final Path capture, final Path folder)
    {
        CompatAnalysis.analyze(capture, folder, CompatFormat.TSTAT);
    }

    /** @return the one tstat folder ({@code YYYY_MM_DD_HH_MM.out}) in a capture's folder. */
    static Path logFolder(final Path captureFolder) throws IOException
    {
        try (Stream<Path> files = Files.list(captureFolder))
        {
            final List<Path> folders = files.filter(f -> f.getFileName().toString().endsWith(".out")).toList();
            assertEquals(1, folders.size(), "tstat folders in " + captureFolder + ": " + folders);
            return folders.get(0);
        }
    }

    /** @return the rows of both logs of a tstat folder, each with its log's name under {@link #LOG}. */
    static List<Map<String, String>> rows(final Path logFolder) throws IOException
    {
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final String log : List.of(COMPLETE, NOCOMPLETE))
        {
            final List<String> lines = Files.readAllLines(logFolder.resolve(log));
            final List<String> header = columns(lines.get(0));
            for (final String line : lines.subList(1, lines.size()))
            {
                final String[] cells = line.split(" ", -1);
                assertEquals(header.size(), cells.length, log + ": cells of " + line);
                final Map<String, String> row = new HashMap<>();
                for (int i = 0; i < cells.length; i++)
                {
                    row.put(header.get(i), cells[i]);
                }
                row.put(LOG, log);
                rows.add(row);
            }
        }
        return rows;
    }

    /** @return the column names of a header line {@code #15#c_ip:1 c_port:2 ...}. */
    static List<String> columns(final String header)
    {
        final List<String> names = new ArrayList<>();
        for (final String column : header.substring(header.lastIndexOf('#') + 1).split(" "))
        {
            names.add(column.substring(0, column.lastIndexOf(':')));
        }
        return names;
    }

    /** @return microseconds of a tstat time in milliseconds ({@code 1529037843097.614014}). */
    static long micros(final String millis)
    {
        return Math.round(Double.parseDouble(millis) * 1000);
    }
}
