package org.mptcpstat.emitters.tcp;

import com.carrotsearch.hppc.LongIntHashMap;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.SizeHistogramRows;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.TcpConnection;

import java.io.IOException;

/** Table {@code tcp_ack_sizes}: per connection and direction, how many ACKs acknowledged how many new bytes. */
public final class TcpAckSizesTable
{
    private static final TableSchema SCHEMA = TableSchema.builder("tcp_ack_sizes",
            "A histogram per connection and direction: ACKs that advanced the acknowledgment, by bytes newly acknowledged.")
        .column("conn_id", ColumnType.INT64, "", "The connection's conn_id in tcp_connections.", "")
        .enumColumn("direction", TcpRetransmissionsTable.DIRECTIONS, "Direction of the ACKs: c2s are the client's.", "")
        .column("acked_bytes", ColumnType.INT64, "bytes", "Sequence numbers newly acknowledged by one ACK.", "")
        .column("count", ColumnType.INT64, "packets", "ACKs that acknowledged exactly that many.", "")
        .build();

    private final SizeHistogramRows rows = new SizeHistogramRows();

    public static TableSchema schema()
    {
        return SCHEMA;
    }

    /** Writes the connection's histograms, client's first, sizes ascending. */
    public void write(final TcpConnection connection, final ConnectionExtras extras, final RowSink sink) throws IOException
    {
        for (int side = 0; side < 2; side++)
        {
            final int direction = side == 0 ? connection.clientDirection() : connection.serverDirection();
            final LongIntHashMap counts = extras.ackSizes(direction);
            if (counts == null)
            {
                continue;
            }
            rows.write(sink, connection.connId(), side, counts);
        }
    }
}
