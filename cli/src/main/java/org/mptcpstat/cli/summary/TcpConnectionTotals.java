package org.mptcpstat.cli.summary;

import org.mptcpstat.cli.tables.TableValues;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;

/** Adds up one capture's tcp_connections: packets, payload and retransmitted bytes, and server ports. */
final class TcpConnectionTotals extends TableValues
{
    static final String TABLE = "tcp_connections";
    /** One slot per possible port: a row is counted by indexing, never by a map lookup. */
    static final int PORTS = 1 << 16;

    private final long minBytes;
    private final int serverPort;
    private final int[] packetsColumn = new int[2];
    private final int[] payloadColumn = new int[2];
    private final int[] retransColumn = new int[2];

    long connections;
    final long[] packets = new long[2];
    final long[] payloadBytes = new long[2];
    final long[] retransBytes = new long[2];
    final long[] portConnections = new long[PORTS];
    final long[] portPayloadBytes = new long[PORTS];

    TcpConnectionTotals(final TableSchema schema, final long minBytes) throws IOException
    {
        super(schema);
        this.minBytes = minBytes;
        serverPort = column(schema, "server_port", ColumnType.INT64);
        for (final Direction direction : Direction.values())
        {
            final int d = direction.ordinal();
            packetsColumn[d] = column(schema, direction.column("packets"), ColumnType.INT64);
            payloadColumn[d] = column(schema, direction.column("payload_bytes"), ColumnType.INT64);
            retransColumn[d] = column(schema, direction.column("retrans_bytes"), ColumnType.INT64);
        }
    }

    @Override

    protected void endRow(final long[] values, final double[] doubles)
    {
        final long payload = count(values[payloadColumn[0]]) + count(values[payloadColumn[1]]);
        if (payload < minBytes)
        {
            return;
        }
        connections++;
        for (int d = 0; d < 2; d++)
        {
            packets[d] += count(values[packetsColumn[d]]);
            payloadBytes[d] += count(values[payloadColumn[d]]);
            retransBytes[d] += count(values[retransColumn[d]]);
        }
        final long port = values[serverPort];
        // A connection whose server port was not seen still counts above, just under no port.
        if (port >= 0 && port < PORTS)
        {
            portConnections[(int)port]++;
            portPayloadBytes[(int)port] += payload;
        }
    }
}
