package org.mptcpstat.emitters.mptcp;

import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.mptcp.InterfaceClass;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.Subflow;
import org.mptcpstat.flowtable.mptcp.SubflowFailure;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.mptcpstat.emitters.table.ColumnType.ADDRESS;
import static org.mptcpstat.emitters.table.ColumnType.BOOLEAN;
import static org.mptcpstat.emitters.table.ColumnType.DURATION;
import static org.mptcpstat.emitters.table.ColumnType.INT64;

/** Table {@code mptcp_subflows}: one row per subflow, written with its MPTCP connection. */
public final class MptcpSubflowsTable
{
    static final List<String> INTERFACES = Arrays.stream(InterfaceClass.values()).map(InterfaceClass::label).toList();
    private static final TableSchema SCHEMA = TableSchema.builder("mptcp_subflows",
            "One row per subflow of each MPTCP connection; conn_id joins it to its row in tcp_connections.")
        .column("mptcp_id", INT64, "", "The MPTCP connection (mptcp_connections.mptcp_id).", "")
        .column("subflow", INT64, "", "Subflow number in order of appearance; 0 is the initial one when seen.", "")
        .column("conn_id", INT64, "", "Its TCP connection in tcp_connections.", "")
        .enumColumn("role", List.of("initial", "join", "unknown"), "initial: MP_CAPABLE; join: MP_JOIN; unknown: " +
            "the handshake was not captured.", "")
        .column("address_id", INT64, "", "Address ID of the MP_JOIN (0 for the initial subflow).", "")
        .column("backup", BOOLEAN, "", "Backup flag of the MP_JOIN.", "")
        .column("backup_changes", INT64, "", "MP_PRIO changes of its backup state.", "")
        .column("backup_at_end", BOOLEAN, "", "Backup state after the last MP_PRIO.", "")
        .enumColumn("interface", INTERFACES,
            "The client address's network, from --iface-map, --wifi-prefix and --cell-prefix.", "")
        .column("client_addr", ADDRESS, "", "Client address of the subflow.", "")
        .column("client_port", INT64, "", "Client port.", "")
        .column("server_addr", ADDRESS, "", "Server address.", "")
        .column("server_port", INT64, "", "Server port.", "")
        .column("syn_delay", DURATION, "s", "From the MPTCP connection's first packet to this subflow's SYN.", "")
        .column("c2s_mapped_bytes", INT64, "bytes", "Data bytes of new mappings the client sent on it.", "")
        .column("s2c_mapped_bytes", INT64, "bytes", "Data bytes of new mappings the server sent on it.", "")
        .column("reinjections_originated", INT64, "", "Its mappings that another subflow sent again.", "")
        .column("reinjections_received", INT64, "", "Mappings it carried that another subflow had sent first.", "")
        .column("established", BOOLEAN, "", "Its MPTCP handshake completed (third ACK for MP_CAPABLE, the " +
            "receiver's ACK of the third ACK for MP_JOIN).", "")
        .enumColumn("failure_reason", Arrays.stream(SubflowFailure.values()).map(SubflowFailure::label).toList(),
            "Why it was not established: rst, no_syn_ack, no_third_ack, no_fourth_ack, unknown_token.", "")
        .column("tcprst_reason", INT64, "", "MP_TCPRST reason code that reset it (RFC 8684 3.6), if any.", "")
        .build();

    private MptcpSubflowsTable()
    {
    }

    public static TableSchema schema()
    {
        return SCHEMA;
    }

    public static void write(final MptcpConnection c, final RowSink sink) throws IOException
    {
        for (int i = 0; i < c.subflowCount(); i++)
        {
            final Subflow s = c.subflow(i);
            sink.beginRow();
            sink.putLong(c.id());
            sink.putLong(i);
            sink.putLong(s.connId());
            sink.putEnum(s.initial() ? 0 : s.addressId() >= 0 ? 1 : 2);
            MptcpConnectionsTable.nullable(sink, s.addressId() >= 0, s.addressId());
            sink.putBoolean(s.backupAtJoin());
            sink.putLong(s.backupChanges());
            sink.putBoolean(s.backup());
            sink.putEnum(s.interfaceClass().ordinal());
            sink.putAddress(s.ipVersion(), s.clientHigh(), s.clientLow());
            sink.putLong(s.clientPort());
            sink.putAddress(s.ipVersion(), s.serverHigh(), s.serverLow());
            sink.putLong(s.serverPort());
            if (s.synTime() == Long.MIN_VALUE)
            {
                sink.putNull();
            }
            else
            {
                sink.putNanos(s.synTime() - c.firstTime());
            }
            sink.putLong(s.mappedBytes(0));
            sink.putLong(s.mappedBytes(1));
            sink.putLong(s.reinjectionsOriginated());
            sink.putLong(s.reinjectionsReceived());
            sink.putBoolean(s.established());
            sink.putEnum(s.failure().ordinal());
            MptcpConnectionsTable.nullable(sink, s.tcpRstReason() >= 0, s.tcpRstReason());
            sink.endRow();
        }
    }
}
