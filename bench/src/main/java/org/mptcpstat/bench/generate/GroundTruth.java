package org.mptcpstat.bench.generate;

import org.mptcpstat.emitters.mptcp.MptcpConnectionsTable;
import org.mptcpstat.emitters.mptcp.MptcpEventTables;
import org.mptcpstat.emitters.mptcp.MptcpSubflowsTable;
import org.mptcpstat.emitters.table.CsvSink;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.emitters.tcp.TcpConnectionsTable;
import org.mptcpstat.flowtable.EndReason;
import org.mptcpstat.flowtable.mptcp.MptcpEndReason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what the analyzer must find in a generated capture: tables named like its own, whose
 * columns are some of its columns (same names, types and cell formats, written by the same
 * {@link CsvSink}), one row per connection, subflow or event. A test then compares cells by name.
 * Rows come in the order conversations end; {@code conn_id} and {@code mptcp_id} are the analyzer's
 * ids (frame number of the first packet), so rows are matched by them.
 */
final class GroundTruth implements AutoCloseable
{
    private static final int TIME_DECIMALS = 6;
    private static final String[] DIRECTIONS = { "c2s_", "s2c_" };

    static final TableSchema TCP_CONNECTIONS = subset(TcpConnectionsTable.schema(), tcpColumns());
    static final TableSchema MPTCP_CONNECTIONS = subset(MptcpConnectionsTable.schema(), mptcpColumns());
    static final TableSchema MPTCP_SUBFLOWS = subset(MptcpSubflowsTable.schema(), List.of("mptcp_id", "subflow",
        "conn_id", "role", "address_id", "backup", "backup_changes", "backup_at_end", "interface", "client_addr",
        "client_port", "server_addr", "server_port", "c2s_mapped_bytes", "s2c_mapped_bytes", "reinjections_originated",
        "reinjections_received", "established"));
    static final TableSchema MPTCP_EVENTS = subset(MptcpEventTables.events(), List.of("mptcp_id", "subflow",
        "direction", "type", "address_id", "address", "flag"));

    private static final int ROLE_INITIAL = 0;
    private static final int ROLE_JOIN = 1;

    private final List<RowSink> sinks = new ArrayList<>();
    private final RowSink tcp;
    private final RowSink mptcp;
    private final RowSink subflows;
    private final RowSink events;

    /** Opens the tables in {@code folder}; they appear under their names on {@link #commit()}. */
    GroundTruth(final Path folder) throws IOException
    {
        Files.createDirectories(folder);
        tcp = open(folder, TCP_CONNECTIONS);
        mptcp = open(folder, MPTCP_CONNECTIONS);
        subflows = open(folder, MPTCP_SUBFLOWS);
        events = open(folder, MPTCP_EVENTS);
    }

    /** @return the folder that holds a capture's ground truth: {@code CAPTURE.truth} beside it. */
    static Path folderOf(final Path capture)
    {
        return capture.resolveSibling(capture.getFileName() + ".truth");
    }

    void write(final Conversation c) throws IOException
    {
        for (int sf = 0; sf < c.subflows; sf++)
        {
            writeTcp(c, sf);
        }
        if (!c.mptcp)
        {
            return;
        }
        writeMptcp(c);
        for (int sf = 0; sf < c.subflows; sf++)
        {
            writeSubflow(c, sf);
        }
        for (int e = 0; e < c.events; e++)
        {
            events.beginRow();
            events.putLong(c.mptcpId);
            events.putLong(c.subflowNumber(c.eventSubflow[e]));
            events.putEnum(c.eventDirection[e]);
            events.putEnum(c.eventType[e].ordinal());
            nullable(events, c.eventAddressId[e]);
            if (c.eventAddress[e] == 0)
            {
                events.putNull();
            }
            else
            {
                events.putAddress(4, 0, c.eventAddress[e] & 0xFFFF_FFFFL);
            }
            events.putLong(c.eventFlag[e]);
            events.endRow();
        }
    }

    void commit() throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.commit();
        }
    }

    @Override
    public void close()
    {
        for (final RowSink sink : sinks)
        {
            sink.close();
        }
    }

    private void writeTcp(final Conversation c, final int sf) throws IOException
    {
        tcp.beginRow();
        tcp.putLong(c.connId[sf]);
        putEndpoints(tcp, c, sf);
        tcp.putEnum((c.endedByRst[sf] ? EndReason.RST : EndReason.FIN).ordinal());
        for (int direction = 0; direction < 2; direction++)
        {
            for (final TcpTruthColumn column : TcpTruthColumn.ALL)
            {
                tcp.putLong(c.tcp(sf, direction, column));
            }
        }
        tcp.endRow();
    }

    private void writeMptcp(final Conversation c) throws IOException
    {
        int backups = 0;
        for (int sf = 0; sf < c.subflows; sf++)
        {
            backups += c.backupAtJoin[sf] || c.backupChanges[sf] > 0 ? 1 : 0;
        }
        mptcp.beginRow();
        mptcp.putLong(c.mptcpId);
        mptcp.putLong(c.version);
        mptcp.putLong(c.clientKey);
        mptcp.putLong(c.serverKey);
        mptcp.putLong(c.clientToken & 0xFFFF_FFFFL);
        mptcp.putLong(c.serverToken & 0xFFFF_FFFFL);
        mptcp.putEnum((c.fastclose ? MptcpEndReason.FASTCLOSE : MptcpEndReason.DATA_FIN).ordinal());
        mptcp.putLong(c.subflows);
        mptcp.putLong(c.subflows);
        mptcp.putLong(backups);
        mptcp.putLong(0);
        for (int direction = 0; direction < 2; direction++)
        {
            for (final DataLevelTruthColumn column : DataLevelTruthColumn.ALL)
            {
                if (column == DataLevelTruthColumn.UNIQUE_DATA_BYTES)
                {
                    mptcp.putLong(c.dataAcked[direction] - c.idsn[direction] - 1);
                }
                else if (column == DataLevelTruthColumn.DATA_FIN)
                {
                    mptcp.putBoolean(!c.fastclose);
                }
                else
                {
                    mptcp.putLong(c.data(direction, column));
                }
            }
        }
        mptcp.endRow();
    }

    private void writeSubflow(final Conversation c, final int sf) throws IOException
    {
        subflows.beginRow();
        subflows.putLong(c.mptcpId);
        subflows.putLong(c.subflowNumber(sf));
        subflows.putLong(c.connId[sf]);
        subflows.putEnum(sf == 0 ? ROLE_INITIAL : ROLE_JOIN);
        subflows.putLong(c.addressId[sf]);
        subflows.putBoolean(c.backupAtJoin[sf]);
        subflows.putLong(c.backupChanges[sf]);
        subflows.putBoolean(c.backupAtEnd[sf]);
        subflows.putEnum(c.interfaceClass[sf]);
        putEndpoints(subflows, c, sf);
        subflows.putLong(c.mappedBytes[sf * 2]);
        subflows.putLong(c.mappedBytes[sf * 2 + 1]);
        subflows.putLong(c.reinjectionsOriginated[sf]);
        subflows.putLong(c.reinjectionsReceived[sf]);
        subflows.putBoolean(true);
        subflows.endRow();
    }

    private static void putEndpoints(final RowSink sink, final Conversation c, final int sf) throws IOException
    {
        sink.putAddress(4, 0, c.clientAddress[sf] & 0xFFFF_FFFFL);
        sink.putLong(c.clientPort[sf]);
        sink.putAddress(4, 0, c.serverAddress[sf] & 0xFFFF_FFFFL);
        sink.putLong(c.serverPort[sf]);
    }

    private static void nullable(final RowSink sink, final int value) throws IOException
    {
        if (value < 0)
        {
            sink.putNull();
        }
        else
        {
            sink.putLong(value);
        }
    }

    private RowSink open(final Path folder, final TableSchema schema) throws IOException
    {
        final RowSink sink = CsvSink.create(folder, schema, TIME_DECIMALS, CsvSink.DEFAULT_FLOAT_DECIMALS);
        sinks.add(sink);
        return sink;
    }

    private static List<String> tcpColumns()
    {
        final List<String> names = new ArrayList<>(List.of("conn_id", "client_addr", "client_port", "server_addr",
            "server_port", "end_reason"));
        for (final String direction : DIRECTIONS)
        {
            for (final TcpTruthColumn column : TcpTruthColumn.ALL)
            {
                names.add(direction + column.column());
            }
        }
        return names;
    }

    private static List<String> mptcpColumns()
    {
        final List<String> names = new ArrayList<>(List.of("mptcp_id", "version", "client_key", "server_key",
            "client_token", "server_token", "end_reason", "subflows", "established_subflows", "backup_subflows",
            "hmac_failures"));
        for (final String direction : DIRECTIONS)
        {
            for (final DataLevelTruthColumn column : DataLevelTruthColumn.ALL)
            {
                names.add(direction + column.column());
            }
        }
        return names;
    }

    /** The analyzer's columns of these names, in this order, under the analyzer table's name. */
    private static TableSchema subset(final TableSchema full, final List<String> names)
    {
        final TableSchema.Builder builder = TableSchema.builder(full.name(), "Ground truth for " + full.name());
        for (final String name : names)
        {
            final int index = full.indexOf(name);
            if (index < 0)
            {
                throw new IllegalStateException(full.name() + " has no column " + name);
            }
            builder.add(full.column(index));
        }
        return builder.build();
    }
}
