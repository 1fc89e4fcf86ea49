package org.mptcpstat.api;

import org.mptcpstat.emitters.mptcp.MptcpConnectionsTable;
import org.mptcpstat.emitters.mptcp.MptcpEventTables;
import org.mptcpstat.emitters.mptcp.MptcpSeriesTable;
import org.mptcpstat.emitters.mptcp.MptcpSeriesWriter;
import org.mptcpstat.emitters.mptcp.MptcpSubflowsTable;
import org.mptcpstat.emitters.mptcp.MptcpTableWriter;
import org.mptcpstat.emitters.table.DiscardSink;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.emitters.tcp.TcpAckSizesTable;
import org.mptcpstat.emitters.tcp.TcpConnectionsTable;
import org.mptcpstat.emitters.tcp.TcpRetransmissionsTable;
import org.mptcpstat.emitters.tcp.TcpTableWriter;
import org.mptcpstat.flowtable.mptcp.MptcpListener;
import org.mptcpstat.flowtable.mptcp.MptcpListenerTee;

import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * The sinks of every table of one capture, opened once through its {@link TableOutput}; the
 * table writers of each tracker (one, or one per worker) write into them.
 */
record CaptureSinks(RowSink tcpConnections, RowSink tcpRetransmissions, RowSink tcpAckSizes,
    RowSink mptcpConnections, RowSink mptcpSubflows, RowSink mptcpEvents, RowSink mptcpReinjections,
    RowSink mptcpBursts, RowSink mptcpDataAckSizes, RowSink mptcpSeries)
{
    /**
     * Opens every table; one the output does not want gets a sink that discards its rows.
     *
     * @param series whether {@code mptcp_series} is written at all (it costs work per packet).
     */
    static CaptureSinks open(final TableOutput tables, final int timeDecimals, final boolean series)
        throws IOException
    {
        return new CaptureSinks(
            open(tables, TcpConnectionsTable.schema(), timeDecimals),
            open(tables, TcpRetransmissionsTable.schema(), timeDecimals),
            open(tables, TcpAckSizesTable.schema(), timeDecimals),
            open(tables, MptcpConnectionsTable.schema(), timeDecimals),
            open(tables, MptcpSubflowsTable.schema(), timeDecimals),
            open(tables, MptcpEventTables.events(), timeDecimals),
            open(tables, MptcpEventTables.reinjections(), timeDecimals),
            open(tables, MptcpEventTables.bursts(), timeDecimals),
            open(tables, MptcpEventTables.dataAckSizes(), timeDecimals),
            series ? open(tables, MptcpSeriesTable.schema(), timeDecimals) : DiscardSink.INSTANCE);
    }

    private static RowSink open(final TableOutput tables, final TableSchema schema, final int timeDecimals)
        throws IOException
    {
        final RowSink sink = tables.open(schema, timeDecimals);
        return sink == null ? DiscardSink.INSTANCE : sink;
    }

    /** @return the same sinks, each passed through {@code wrap} (discarding ones stay as they are). */
    CaptureSinks map(final UnaryOperator<RowSink> wrap)
    {
        final UnaryOperator<RowSink> wanted = sink -> sink == DiscardSink.INSTANCE ? sink : wrap.apply(sink);
        return new CaptureSinks(wanted.apply(tcpConnections), wanted.apply(tcpRetransmissions),
            wanted.apply(tcpAckSizes), wanted.apply(mptcpConnections), wanted.apply(mptcpSubflows),
            wanted.apply(mptcpEvents), wanted.apply(mptcpReinjections), wanted.apply(mptcpBursts),
            wanted.apply(mptcpDataAckSizes), wanted.apply(mptcpSeries));
    }

    /** @return a new writer of the TCP tables: one per tracker, as writers keep scratch state. */
    TcpTableWriter tcpWriter()
    {
        return new TcpTableWriter(tcpConnections, tcpRetransmissions, tcpAckSizes);
    }

    /**
     * @return a new writer of the MPTCP tables: one per tracker. With {@code mptcp_series} wanted,
     * teed with its writer, which buffers each connection's packets; otherwise nothing is buffered.
     */
    MptcpListener mptcpWriter(final long seriesMinBytes, final int seriesMaxRows)
    {
        final MptcpTableWriter tables = new MptcpTableWriter(mptcpConnections, mptcpSubflows, mptcpEvents,
            mptcpReinjections, mptcpBursts, mptcpDataAckSizes);
        return mptcpSeries == DiscardSink.INSTANCE ? tables :
            new MptcpListenerTee(tables, new MptcpSeriesWriter(mptcpSeries, seriesMinBytes, seriesMaxRows));
    }
}
