package org.mptcpstat.emitters.tcp;

import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.RetransmissionClass;
import org.mptcpstat.flowtable.TcpConnection;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Table {@code tcp_retransmissions}: one row per retransmitted packet. */
public final class TcpRetransmissionsTable
{
    static final List<String> DIRECTIONS = List.of("c2s", "s2c");

    private static final TableSchema SCHEMA = TableSchema.builder("tcp_retransmissions",
            "One row per packet that resent sequence numbers already seen, in capture order within " +
            "each connection (and across connections when analyzed on one thread).")
        .column("conn_id", ColumnType.INT64, "", "The connection's conn_id in tcp_connections.", "")
        .enumColumn("direction", DIRECTIONS, "c2s: sent by the client; s2c: by the server.", "")
        .column("time", ColumnType.TIME, "s", "Capture time of the retransmission.", "")
        .column("seq", ColumnType.INT64, "", "Raw TCP sequence number of the packet.", "")
        .column("length", ColumnType.INT64, "bytes", "Sequence numbers resent (a SYN or FIN counts one).",
            "tcptrace: rexmt data bytes")
        .enumColumn("class", Arrays.stream(RetransmissionClass.values()).map(RetransmissionClass::label).toList(),
            "Why it was resent, tried in this order: unnecessary (all its bytes were acknowledged already), " +
            "network_duplicate (resent within half the smallest RTT sample), fast_retransmit (3 or more " +
            "duplicate ACKs in a row from the receiver), rto (the segment was silent for at least the average " +
            "RTT, or 200 ms before any sample), unknown.", "tstat: retransmission classes")
        .column("since_first", ColumnType.DURATION, "s", "Time since the first transmission of the first resent segment.",
            "")
        .column("since_previous", ColumnType.DURATION, "s", "Time since its previous transmission.",
            "tcptrace: retr time")
        .column("since_last_packet", ColumnType.DURATION, "s",
            "Time since the previous packet in the same direction; empty if none.", "")
        .build();

    private TcpRetransmissionsTable()
    {
    }

    public static TableSchema schema()
    {
        return SCHEMA;
    }

    public static void write(
        final TcpConnection connection, final int direction, final long timeNanos, final long sequenceNumber,
        final long bytes, final RetransmissionClass kind, final long sinceFirstNanos, final long sincePreviousNanos,
        final long sinceLastPacketNanos, final RowSink sink) throws IOException
    {
        sink.beginRow();
        sink.putLong(connection.connId());
        sink.putEnum(direction == connection.clientDirection() ? 0 : 1);
        sink.putNanos(timeNanos);
        sink.putLong(sequenceNumber);
        sink.putLong(bytes);
        sink.putEnum(kind.ordinal());
        sink.putNanos(sinceFirstNanos);
        sink.putNanos(sincePreviousNanos);
        if (sinceLastPacketNanos < 0)
        {
            sink.putNull();
        }
        else
        {
            sink.putNanos(sinceLastPacketNanos);
        }
        sink.endRow();
    }
}
