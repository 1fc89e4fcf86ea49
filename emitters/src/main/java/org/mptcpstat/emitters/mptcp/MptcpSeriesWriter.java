package org.mptcpstat.emitters.mptcp;

import org.agrona.collections.Long2ObjectHashMap;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code mptcp_series}: keeps the rows of every open MPTCP connection and, when one
 * finishes with at least {@code minBytes} data bytes (both directions), writes them; otherwise
 * drops them. Whether a connection qualifies is known only at its end, hence the buffering.
 * <p>
 * Memory: an open connection holds up to {@code maxRows} rows of 28 bytes, whether it will
 * qualify or not; a connection with more keeps its first {@code maxRows} and its rows say
 * {@code truncated}. Row buffers go back to a pool when their connection finishes, so once they
 * have grown to the size of the largest connections, packets allocate nothing.
 */
public final class MptcpSeriesWriter implements MptcpListener
{
    /** Rows kept per connection unless set otherwise: 28 MiB, the packets of about a gigabyte of data. */
    public static final int DEFAULT_MAX_ROWS = 1 << 20;

    private final RowSink sink;
    private final long minBytes;
    private final int maxRows;
    private final Long2ObjectHashMap<SeriesRows> rowsByConnection = new Long2ObjectHashMap<>();
    private final List<SeriesRows> pool = new ArrayList<>();

    /**
     * @param minBytes data bytes (c2s + s2c) a connection needs for its rows to be written.
     * @param maxRows  rows kept per connection, at least 1.
     */
    public MptcpSeriesWriter(final RowSink sink, final long minBytes, final int maxRows)
    {
        this.sink = sink;
        this.minBytes = minBytes;
        this.maxRows = maxRows;
    }

    @Override
    public void onData(final MptcpConnection connection, final int subflow, final int direction, final long timeNanos,
        final long start, final long end, final long reinjectedBytes)
    {
        rowsOf(connection).addData(subflow, direction, timeNanos, start, end, reinjectedBytes);
    }

    @Override
    public void onDataAck(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long dataAck, final long rttMicros)
    {
        rowsOf(connection).addDataAck(subflow, direction, timeNanos, dataAck);
    }

    private SeriesRows rowsOf(final MptcpConnection connection)
    {
        SeriesRows rows = rowsByConnection.get(connection.id());
        if (rows == null)
        {
            rows = pool.isEmpty() ? new SeriesRows(maxRows) : pool.remove(pool.size() - 1);
            rowsByConnection.put(connection.id(), rows);
        }
        return rows;
    }

    @Override
    public void onConnectionFinished(final MptcpConnection connection) throws IOException
    {
        final SeriesRows rows = rowsByConnection.remove(connection.id());
        if (rows == null)
        {
            return;
        }
        if (connection.direction(0).dataBytes() + connection.direction(1).dataBytes() >= minBytes)
        {
            MptcpSeriesTable.write(connection, rows, sink);
        }
        rows.clear();
        pool.add(rows);
    }
}
