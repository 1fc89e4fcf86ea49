package org.mptcpstat.cli.summary;

import java.util.ArrayList;
import java.util.List;

/** One titled table of plain text: the first column left-aligned, the figures right-aligned under their headers. */
final class TextTable
{
    private static final String GAP = "  ";

    private final List<String[]> rows = new ArrayList<>();

    /** @param header the table's title, then one header per figure column. */
    TextTable(final String... header)
    {
        rows.add(header);
    }

    TextTable row(final String... cells)
    {
        if (cells.length != rows.get(0).length)
        {
            throw new IllegalArgumentException(cells.length + " cells for " + rows.get(0).length + " columns");
        }
        rows.add(cells);
        return this;
    }

    void appendTo(final StringBuilder text)
    {
        final int[] widths = new int[rows.get(0).length];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder(row[0]).append(" ".repeat(widths[0] - row[0].length()));
            for (int i = 1; i < row.length; i++)
            {
                line.append(GAP).append(" ".repeat(widths[i] - row[i].length())).append(row[i]);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
