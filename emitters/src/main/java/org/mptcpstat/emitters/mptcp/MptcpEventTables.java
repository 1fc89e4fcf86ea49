package org.mptcpstat.emitters.mptcp;

import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpEventType;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.mptcpstat.emitters.table.ColumnType.ADDRESS;
import static org.mptcpstat.emitters.table.ColumnType.DURATION;
import static org.mptcpstat.emitters.table.ColumnType.INT64;
import static org.mptcpstat.emitters.table.ColumnType.TIME;

/** The MPTCP event tables: {@code mptcp_events}, {@code mptcp_reinjections} and {@code mptcp_bursts}. */
public final class MptcpEventTables
{
    static final List<String> DIRECTIONS = List.of("c2s", "s2c");

    private static final TableSchema EVENTS = TableSchema.builder("mptcp_events",
            "One row per MPTCP signal (one per address ID for REMOVE_ADDR), in capture order within each " +
                "connection (and across connections when analyzed on one thread).")
        .column("time", TIME, "s", "Capture time.", "")
        .column("mptcp_id", INT64, "", "The MPTCP connection.", "")
        .column("subflow", INT64, "", "Subflow that carried it.", "")
        .enumColumn("direction", DIRECTIONS, "c2s: sent by the client; s2c: by the server.", "")
        .enumColumn("type", Arrays.stream(MptcpEventType.values()).map(Enum::name).toList(), "The signal.", "")
        .column("address_id", INT64, "", "ADD_ADDR, REMOVE_ADDR and MP_PRIO address ID.", "")
        .column("address", ADDRESS, "", "ADD_ADDR address.", "")
        .column("port", INT64, "", "ADD_ADDR port, when given.", "")
        .column("flag", INT64, "", "ADD_ADDR echo, MP_PRIO backup, MP_TCPRST transient bit (0/1).", "")
        .column("value", INT64, "", "MP_TCPRST reason code; MP_FAIL and DATA_FIN data sequence number.", "")
        .build();

    private static final TableSchema REINJECTIONS = TableSchema.builder("mptcp_reinjections",
            "One row per mapping sent again on another subflow than the one that sent it first.")
        .column("time", TIME, "s", "Capture time of the reinjection.", "")
        .column("mptcp_id", INT64, "", "The MPTCP connection.", "")
        .enumColumn("direction", DIRECTIONS, "Direction of the data.", "")
        .column("dsn", INT64, "", "64-bit data sequence number of the mapping.", "tshark: mptcp.dsn")
        .column("length", INT64, "bytes", "Data-level length of the mapping.", "")
        .column("original_subflow", INT64, "", "Subflow that first sent the data.", "")
        .column("new_subflow", INT64, "", "Subflow that sent it again.", "")
        .column("delay", DURATION, "s", "Time since the original transmission.", "")
        .build();

    private static final TableSchema BURSTS = TableSchema.builder("mptcp_bursts",
            "Runs of consecutive new mappings of one direction sent on one subflow.")
        .column("mptcp_id", INT64, "", "The MPTCP connection.", "")
        .enumColumn("direction", DIRECTIONS, "Direction of the data.", "")
        .column("subflow", INT64, "", "Subflow that carried the run.", "")
        .column("start", TIME, "s", "First mapping of the run.", "")
        .column("duration", DURATION, "s", "From the first to the last packet of the run.", "")
        .column("bytes", INT64, "bytes", "Data bytes of the run's mappings.", "")
        .column("packets", INT64, "packets", "Data packets of the run (GSO segments each count).", "")
        .build();

    private static final TableSchema DATA_ACK_SIZES = TableSchema.builder("mptcp_data_ack_sizes",
            "A histogram per MPTCP connection and data direction: DATA_ACKs that advanced the data-level " +
            "acknowledgment, by data bytes newly acknowledged.")
        .column("mptcp_id", INT64, "", "The MPTCP connection.", "")
        .enumColumn("direction", DIRECTIONS, "Direction of the acknowledged data.", "mptcptrace: c2s_acksize")
        .column("acked_bytes", INT64, "bytes", "Data sequence numbers newly acknowledged by one DATA_ACK.", "")
        .column("count", INT64, "", "DATA_ACKs that acknowledged exactly that many.", "")
        .build();

    private MptcpEventTables()
    {
    }

    public static TableSchema events()
    {
        return EVENTS;
    }

    public static TableSchema reinjections()
    {
        return REINJECTIONS;
    }

    public static TableSchema bursts()
    {
        return BURSTS;
    }

    public static TableSchema dataAckSizes()
    {
        return DATA_ACK_SIZES;
    }

    static void writeEvent(final RowSink sink, final MptcpConnection c, final int subflow, final int direction,
        final long time, final MptcpEventType type, final int addressId, final int ipVersion, final long high,
        final long low, final int port, final int flag, final long value) throws IOException
    {
        sink.beginRow();
        sink.putNanos(time);
        sink.putLong(c.id());
        sink.putLong(subflow);
        sink.putEnum(direction);
        sink.putEnum(type.ordinal());
        MptcpConnectionsTable.nullable(sink, addressId >= 0, addressId);
        if (ipVersion == 0)
        {
            sink.putNull();
        }
        else
        {
            sink.putAddress(ipVersion, high, low);
        }
        MptcpConnectionsTable.nullable(sink, port >= 0, port);
        sink.putLong(flag);
        MptcpConnectionsTable.nullable(sink, value != -1, value);
        sink.endRow();
    }

    static void writeReinjection(final RowSink sink, final MptcpConnection c, final int direction, final long time,
        final long dsn, final long length, final int original, final int newSubflow, final long delay) throws IOException
    {
        sink.beginRow();
        sink.putNanos(time);
        sink.putLong(c.id());
        sink.putEnum(direction);
        sink.putLong(dsn);
        sink.putLong(length);
        sink.putLong(original);
        sink.putLong(newSubflow);
        sink.putNanos(delay);
        sink.endRow();
    }

    static void writeBurst(final RowSink sink, final MptcpConnection c, final int direction, final int subflow,
        final long start, final long duration, final long bytes, final long packets) throws IOException
    {
        sink.beginRow();
        sink.putLong(c.id());
        sink.putEnum(direction);
        sink.putLong(subflow);
        sink.putNanos(start);
        sink.putNanos(duration);
        sink.putLong(bytes);
        sink.putLong(packets);
        sink.endRow();
    }
}
