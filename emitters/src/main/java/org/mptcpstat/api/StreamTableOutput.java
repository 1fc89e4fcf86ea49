package org.mptcpstat.api;

import org.mptcpstat.emitters.table.CsvSink;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams one table as CSV to a caller's stream (standard output for {@code analyze --stdout})
 * as rows are made, so a pipe sees connections as they finish and memory stays flat; the other
 * tables are not written. {@link #commit()} flushes; nothing closes the stream.
 */
public final class StreamTableOutput implements TableOutput
{
    private final String table;
    private final OutputStream out;
    private RowSink sink;

    /** @param table the table's name, e.g. {@code tcp_connections}. */
    public StreamTableOutput(final String table, final OutputStream out)
    {
        this.table = table;
        this.out = out;
    }

    @Override
    public RowSink open(final TableSchema schema, final int timeDecimals) throws IOException
    {
        if (!schema.name().equals(table))
        {
            return null;
        }
        sink = CsvSink.toStream(out, schema, timeDecimals, CsvSink.DEFAULT_FLOAT_DECIMALS);
        return sink;
    }

    @Override
    public void commit() throws IOException
    {
        if (sink != null)
        {
            sink.commit();
        }
    }

    /** Rows already streamed cannot be taken back; this only stops writing. */
    @Override
    public void abort()
    {
        if (sink != null)
        {
            sink.abort();
        }
    }
}
