package org.mptcpstat.api;

import org.mptcpstat.emitters.table.BinarySink;
import org.mptcpstat.emitters.table.CsvSink;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableFormat;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;

/**
 * Streams one table to a caller's stream (standard output for {@code analyze --stdout}) as rows
 * are made, so a pipe sees connections as they finish and memory stays flat; the other tables
 * are not written. One output may serve several captures analyzed one after another: the header
 * is written once, for the first, and later captures' times keep the first one's decimals.
 * <p>
 * Streamed rows cannot be taken back: {@link #commit()} and {@link #abort()} both only flush,
 * and nothing closes the stream.
 */
public final class StreamTableOutput implements TableOutput
{
    private final String table;
    private final TableFormat format;
    private final OutputStream out;
    private RowSink sink;
    /** The same sink, for flushing. */
    private Flushable flushable;

    /**
     * @param table  the table's name, e.g. {@code tcp_connections}.
     * @param format CSV, or binary with a header that says the rows run to the end of the stream.
     */
    public StreamTableOutput(final String table, final TableFormat format, final OutputStream out)
    {
        this.table = table;
        this.format = format;
        this.out = out;
    }

    @Override
    public RowSink open(final TableSchema schema, final int timeDecimals) throws IOException
    {
        if (!schema.name().equals(table))
        {
            return null;
        }
        if (sink == null && format == TableFormat.CSV)
        {
            final CsvSink csv = CsvSink.toStream(out, schema, timeDecimals, CsvSink.DEFAULT_FLOAT_DECIMALS);
            sink = csv;
            flushable = csv;
        }
        else if (sink == null)
        {
            final BinarySink binary = BinarySink.toStream(Channels.newChannel(out), schema, timeDecimals,
                CsvSink.DEFAULT_FLOAT_DECIMALS);
            sink = binary;
            flushable = binary;
        }
        return sink;
    }

    @Override
    public void commit() throws IOException
    {
        if (sink != null)
        {
            flushable.flush();
            out.flush();
        }
    }

    @Override
    public void abort()
    {
        try
        {
            commit();
        }
        catch (final IOException ignored)
        {
            // The reader of the stream went away: nothing left to save.
        }
    }
}
