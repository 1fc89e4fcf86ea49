package org.mptcpstat.emitters;

import org.mptcpstat.emitters.mptcp.MptcpConnectionsTable;
import org.mptcpstat.emitters.mptcp.MptcpEventTables;
import org.mptcpstat.emitters.mptcp.MptcpSeriesTable;
import org.mptcpstat.emitters.mptcp.MptcpSubflowsTable;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.emitters.tcp.TcpAckSizesTable;
import org.mptcpstat.emitters.tcp.TcpConnectionsTable;
import org.mptcpstat.emitters.tcp.TcpRetransmissionsTable;

import java.util.List;

/** Every table {@code analyze} writes (mptcp_series only with --series), in the order of the documentation. */
public final class OutputTables
{
    private OutputTables()
    {
    }

    public static List<TableSchema> schemas()
    {
        return List.of(TcpConnectionsTable.schema(), TcpRetransmissionsTable.schema(), TcpAckSizesTable.schema(),
            MptcpConnectionsTable.schema(), MptcpSubflowsTable.schema(), MptcpEventTables.events(),
            MptcpEventTables.reinjections(), MptcpEventTables.bursts(), MptcpEventTables.dataAckSizes(),
            MptcpSeriesTable.schema());
    }
}
