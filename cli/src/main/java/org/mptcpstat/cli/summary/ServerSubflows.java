package org.mptcpstat.cli.summary;

import org.agrona.collections.LongHashSet;
import org.mptcpstat.cli.tables.TableValues;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.AddressPrefixes;

import java.io.IOException;

/** The MPTCP connections of one capture with a subflow to one of the {@code --server} prefixes. */
final class ServerSubflows extends TableValues
{
    private final AddressPrefixes servers;
    private final int mptcpId;
    private final int serverAddr;

    final LongHashSet ids = new LongHashSet();

    ServerSubflows(final TableSchema schema, final AddressPrefixes servers) throws IOException
    {
        super(schema);
        this.servers = servers;
        mptcpId = column(schema, "mptcp_id", ColumnType.INT64);
        serverAddr = column(schema, "server_addr", ColumnType.ADDRESS);
    }

    @Override
    protected void endRow(final long[] values, final double[] doubles)
    {
        if (addressIn(serverAddr, servers))
        {
            ids.add(values[mptcpId]);
        }
    }
}
