package org.mptcpstat.emitters.tcp;

import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.RetransmissionClass;
import org.mptcpstat.flowtable.TcpConnection;
import org.mptcpstat.flowtable.TcpConnectionListener;

import java.io.IOException;

/** Writes what the TCP tracker reports into the three TCP tables. */
public final class TcpTableWriter implements TcpConnectionListener
{
    private final RowSink connections;
    private final RowSink retransmissions;
    private final RowSink ackSizes;
    private final TcpAckSizesTable ackSizesTable = new TcpAckSizesTable();

    public TcpTableWriter(final RowSink connections, final RowSink retransmissions, final RowSink ackSizes)
    {
        this.connections = connections;
        this.retransmissions = retransmissions;
        this.ackSizes = ackSizes;
    }

    @Override
    public void onConnectionFinished(final TcpConnection connection, final ConnectionExtras extras) throws IOException
    {
        TcpConnectionsTable.write(connection, extras, connections);
        ackSizesTable.write(connection, extras, ackSizes);
    }

    @Override
    public void onRetransmission(
        final TcpConnection connection, final int direction, final long timeNanos, final long sequenceNumber,
        final long bytes, final RetransmissionClass retransmissionClass, final long sinceFirstNanos,
        final long sincePreviousNanos, final long sinceLastPacketNanos) throws IOException
    {
        TcpRetransmissionsTable.write(connection, direction, timeNanos, sequenceNumber, bytes, retransmissionClass,
            sinceFirstNanos, sincePreviousNanos, sinceLastPacketNanos, retransmissions);
    }
}
