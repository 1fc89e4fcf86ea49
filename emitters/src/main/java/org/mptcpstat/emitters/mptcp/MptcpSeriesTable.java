package org.mptcpstat.emitters.mptcp;

import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.mptcp.DataLevel;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.Subflow;

import java.io.IOException;
import java.util.List;

import static org.mptcpstat.emitters.mptcp.MptcpConnectionsTable.nullable;
import static org.mptcpstat.emitters.table.ColumnType.BOOLEAN;
import static org.mptcpstat.emitters.table.ColumnType.DURATION;
import static org.mptcpstat.emitters.table.ColumnType.INT64;
import static org.mptcpstat.emitters.table.ColumnType.TIME;

/**
 * Table {@code mptcp_series} ({@code analyze --series}): the data and DATA_ACKs of the large MPTCP
 * connections packet by packet, for time-sequence plots. Its rows are kept by
 * {@link MptcpSeriesWriter} until their connection finishes.
 */
public final class MptcpSeriesTable
{
    private static final TableSchema SCHEMA = TableSchema.builder("mptcp_series",
            "Only with analyze --series: for each MPTCP connection with at least --series-min-bytes data bytes " +
            "(c2s_data_bytes + s2c_data_bytes), one row per packet that carried its data and one per DATA_ACK that " +
            "acknowledged new data, in capture order; a connection's rows are written together when it finishes.")
        .column("mptcp_id", INT64, "", "The MPTCP connection.", "")
        .enumColumn("direction", MptcpEventTables.DIRECTIONS, "Direction of the data (for a DATA_ACK: of the data " +
            "it acknowledges).", "")
        .enumColumn("kind", List.of("data", "data_ack"), "data: a packet's payload, placed in the data sequence " +
            "space by the mapping in force; data_ack: a DATA_ACK that acknowledged new data.", "")
        .column("subflow", INT64, "", "Subflow whose packet it was (mptcp_subflows.subflow).", "")
        .column("conn_id", INT64, "", "That subflow's TCP connection in tcp_connections.", "")
        .enumColumn("interface", MptcpSubflowsTable.INTERFACES, "That subflow's interface (as in mptcp_subflows).", "")
        .column("time", TIME, "s", "Capture time of the packet.", "")
        .column("elapsed", DURATION, "s", "Since the MPTCP connection's first packet (first_time).", "")
        .column("dsn", INT64, "", "64-bit data sequence number of the first byte the packet carried; for " +
            "data_ack, the DATA_ACK.", "")
        .column("seq_start", INT64, "bytes", "dsn - IDSN - 1: where it lies in its direction's data (the first " +
            "byte is 0); empty if the IDSN is unknown.", "")
        .column("seq_end", INT64, "bytes", "seq_start + data bytes carried; empty for data_ack.", "")
        .column("reinjected_bytes", INT64, "bytes", "Of those bytes, how many another subflow had carried last: " +
            "more than 0 marks a reinjection; empty for data_ack.", "")
        .column("truncated", BOOLEAN, "", "The connection had more rows than are kept per connection (" +
            MptcpSeriesWriter.DEFAULT_MAX_ROWS + ", or Analyzer.Builder.seriesMaxRows): only its first rows are " +
            "written.", "")
        .build();

    private MptcpSeriesTable()
    {
    }

    public static TableSchema schema()
    {
        return SCHEMA;
    }

    static void write(final MptcpConnection c, final SeriesRows rows, final RowSink sink) throws IOException
    {
        for (int i = 0; i < rows.size(); i++)
        {
            final Subflow subflow = c.subflow(rows.subflow(i));
            final DataLevel level = c.direction(rows.direction(i));
            final boolean data = rows.kind(i) == SeriesRows.DATA;
            final long seqStart = rows.dsn(i) - level.idsn() - 1;
            sink.beginRow();
            sink.putLong(c.id());
            sink.putEnum(rows.direction(i));
            sink.putEnum(rows.kind(i));
            sink.putLong(rows.subflow(i));
            nullable(sink, subflow.connId() >= 0, subflow.connId());
            sink.putEnum(subflow.interfaceClass().ordinal());
            sink.putNanos(rows.time(i));
            sink.putNanos(rows.time(i) - c.firstTime());
            sink.putLong(rows.dsn(i));
            nullable(sink, level.idsnKnown(), seqStart);
            nullable(sink, data && level.idsnKnown(), seqStart + rows.length(i));
            nullable(sink, data, rows.reinjectedBytes(i));
            sink.putBoolean(rows.truncated());
            sink.endRow();
        }
    }
}
