package org.mptcpstat.emitters.mptcp;

import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.SizeHistogramRows;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpEventType;
import org.mptcpstat.flowtable.mptcp.MptcpListener;

import java.io.IOException;

/** Writes what the MPTCP tracker reports into the six MPTCP tables. */
public final class MptcpTableWriter implements MptcpListener
{
    private final RowSink connections;
    private final RowSink subflows;
    private final RowSink events;
    private final RowSink reinjections;
    private final RowSink bursts;
    private final RowSink dataAckSizes;
    private final SizeHistogramRows dataAckSizeRows = new SizeHistogramRows();

    public MptcpTableWriter(final RowSink connections, final RowSink subflows, final RowSink events,
        final RowSink reinjections, final RowSink bursts, final RowSink dataAckSizes)
    {
        this.dataAckSizes = dataAckSizes;
        this.connections = connections;
        this.subflows = subflows;
        this.events = events;
        this.reinjections = reinjections;
        this.bursts = bursts;
    }

    @Override
    public void onConnectionFinished(final MptcpConnection connection) throws IOException
    {
        MptcpConnectionsTable.write(connection, connections);
        MptcpSubflowsTable.write(connection, subflows);
        for (int direction = 0; direction < 2; direction++)
        {
            dataAckSizeRows.write(dataAckSizes, connection.id(), direction, connection.direction(direction).dataAckSizes());
        }
    }

    @Override
    public void onEvent(final MptcpConnection connection, final int subflow, final int direction, final long timeNanos,
        final MptcpEventType type, final int addressId, final int ipVersion, final long addressHigh,
        final long addressLow, final int port, final int flag, final long value) throws IOException
    {
        MptcpEventTables.writeEvent(events, connection, subflow, direction, timeNanos, type, addressId, ipVersion,
            addressHigh, addressLow, port, flag, value);
    }

    @Override
    public void onReinjection(final MptcpConnection connection, final int direction, final long timeNanos,
        final long dsn, final long length, final int originalSubflow, final int newSubflow, final long delayNanos)
        throws IOException
    {
        MptcpEventTables.writeReinjection(reinjections, connection, direction, timeNanos, dsn, length, originalSubflow,
            newSubflow, delayNanos);
    }

    @Override
    public void onBurst(final MptcpConnection connection, final int direction, final int subflow, final long startNanos,
        final long durationNanos, final long bytes, final long packets) throws IOException
    {
        MptcpEventTables.writeBurst(bursts, connection, direction, subflow, startNanos, durationNanos, bytes, packets);
    }
}
