package org.mptcpstat.cli.summary;

import org.agrona.collections.Long2LongHashMap;
import org.mptcpstat.cli.tables.TableValues;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;

/**
 * Adds up one capture's tcp_connections: packets, payload and retransmitted bytes, server ports
 * and SOCKS destination ports, of the connections that pass {@code --min-bytes} and the filter.
 */
final class TcpConnectionTotals extends TableValues
{
    static final String TABLE = "tcp_connections";
    /** One slot per possible port: a row is counted by indexing, never by a map lookup. */
    static final int PORTS = 1 << 16;
    /** What the SOCKS maps answer for a port they do not hold. */
    static final long ABSENT = -1;

    private final long minBytes;
    private final SummaryFilter filter;
    private final int serverPort;
    private final int firstTime;
    private final int serverAddr;
    private final int socksPort;
    private final int[] packetsColumn = new int[2];
    private final int[] payloadColumn = new int[2];
    private final int[] retransColumn = new int[2];

    long connections;
    final long[] packets = new long[2];
    final long[] payloadBytes = new long[2];
    final long[] retransBytes = new long[2];
    final long[] portConnections = new long[PORTS];
    final long[] portPayloadBytes = new long[PORTS];
    /**
     * SOCKS destination port to connections and to payload bytes; few connections have one, so maps
     * rather than arrays. Their missing value is {@link #ABSENT}: a count of 0 is a value.
     */
    final Long2LongHashMap socksConnections = new Long2LongHashMap(ABSENT);
    final Long2LongHashMap[] socksPayloadBytes = { new Long2LongHashMap(ABSENT), new Long2LongHashMap(ABSENT) };

    TcpConnectionTotals(final TableSchema schema, final long minBytes, final SummaryFilter filter)
        throws IOException
    {
        super(schema);
        this.minBytes = minBytes;
        this.filter = filter;
        serverPort = column(schema, "server_port", ColumnType.INT64);
        firstTime = column(schema, "first_time", ColumnType.TIME);
        serverAddr = column(schema, "server_addr", ColumnType.ADDRESS);
        socksPort = column(schema, "socks_port", ColumnType.INT64);
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
        if (payload < minBytes || !filter.keepsTime(values[firstTime]) ||
            filter.filtersServers() && !addressIn(serverAddr, filter.serverPrefixes()))
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
        final long socks = values[socksPort];
        if (socks != NOT_MEASURED)
        {
            socksConnections.merge(socks, 1, Long::sum);
            for (int d = 0; d < 2; d++)
            {
                socksPayloadBytes[d].merge(socks, count(values[payloadColumn[d]]), Long::sum);
            }
        }
    }
}
