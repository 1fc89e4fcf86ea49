package org.mptcpstat.emitters.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Opens the sinks of one table for every format a run asked for, behind a single {@link RowSink},
 * so the code that walks the flow table neither knows nor cares how many files it writes.
 */
public final class TableSinks
{
    private TableSinks()
    {
    }

    /**
     * Opens {@code dir/TABLE.csv} and/or {@code dir/TABLE.bin} (the folder must exist), each
     * written under a temporary name until the returned sink commits. FLOAT64 cells get
     * {@link CsvSink#DEFAULT_FLOAT_DECIMALS}.
     *
     * @param timeDecimals the capture's timestamp precision: 6 for microseconds, 9 for nanoseconds.
     * @return the one sink, or a {@link TeeSink} over both.
     */
    public static RowSink open(final Path dir, final TableSchema schema, final Set<TableFormat> formats,
        final int timeDecimals) throws IOException
    {
        if (formats.isEmpty())
        {
            throw new IllegalArgumentException("no format chosen for " + schema.name());
        }
        final List<RowSink> sinks = new ArrayList<>();
        try
        {
            // Enum order, whatever the set's: the same formats always open in the same order.
            for (final TableFormat format : TableFormat.values())
            {
                if (formats.contains(format))
                {
                    sinks.add(open(dir, schema, format, timeDecimals));
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            sinks.forEach(RowSink::abort);
            throw ex;
        }
        return sinks.size() == 1 ? sinks.get(0) : new TeeSink(sinks);
    }

    private static RowSink open(final Path dir, final TableSchema schema, final TableFormat format,
        final int timeDecimals) throws IOException
    {
        return switch (format)
        {
            case CSV -> CsvSink.create(dir, schema, timeDecimals, CsvSink.DEFAULT_FLOAT_DECIMALS);
            case BIN -> BinarySink.create(dir, schema, timeDecimals, CsvSink.DEFAULT_FLOAT_DECIMALS);
        };
    }
}
