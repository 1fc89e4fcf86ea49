package org.mptcpstat.cli.analyze;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A CSV file read into rows of named cells, for comparisons in tests (no quoted commas expected). */
public final class CsvTable
{
    private CsvTable()
    {
    }

    /**
     * Reads a table whose header is the first line that is neither a comment ({@code #}) nor
     * blank; cells are trimmed (tcptrace pads them).
     */
    public static List<Map<String, String>> read(final Path file) throws IOException
    {
        final List<Map<String, String>> rows = new ArrayList<>();
        String[] header = null;
        for (final String line : Files.readAllLines(file))
        {
            if (line.startsWith("#") || line.isBlank())
            {
                continue;
            }
            final String[] cells = line.split(line.indexOf('\t') >= 0 ? "\t" : ",", -1);
            if (header == null)
            {
                header = cells;
                continue;
            }
            final Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length && i < cells.length; i++)
            {
                row.put(header[i].trim(), cells[i].trim());
            }
            rows.add(row);
        }
        return rows;
    }
}
