package org.mptcpstat.emitters.mptcp;

import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.mptcp.DataLevel;
import org.mptcpstat.flowtable.mptcp.FallbackReason;
import org.mptcpstat.flowtable.mptcp.InterfaceClass;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpEndReason;

import java.io.IOException;
import java.util.Arrays;

import static org.mptcpstat.emitters.table.ColumnType.BOOLEAN;
import static org.mptcpstat.emitters.table.ColumnType.DURATION;
import static org.mptcpstat.emitters.table.ColumnType.FLOAT64;
import static org.mptcpstat.emitters.table.ColumnType.INT64;
import static org.mptcpstat.emitters.table.ColumnType.TIME;

/** Table {@code mptcp_connections}: one row per MPTCP connection. */
public final class MptcpConnectionsTable
{
    private static final double[] PERCENTILES = { 25, 50, 75, 90, 95, 99 };
    private static final String[] DIRECTIONS = { "c2s_", "s2c_" };
    private static final TableSchema SCHEMA = build();

    private MptcpConnectionsTable()
    {
    }

    public static TableSchema schema()
    {
        return SCHEMA;
    }

    private static TableSchema build()
    {
        final TableSchema.Builder table = TableSchema.builder("mptcp_connections",
            "One row per MPTCP connection, written when its last subflow finished.")
            .column("mptcp_id", INT64, "", "Names the connection within the capture: the conn_id of the subflow that " +
                "made it known (its first one), whatever the number of threads.", "")
            .column("version", INT64, "", "MPTCP version from MP_CAPABLE (0: RFC 6824, 1: RFC 8684); empty if unseen.",
                "tshark: tcp.options.mptcp.version")
            .column("client_key", INT64, "", "Client's key (as a signed 64-bit integer); empty if unseen.", "")
            .column("server_key", INT64, "", "Server's key; empty if unseen.", "")
            .column("client_token", INT64, "", "Token of the client's key (SHA-1 for v0, SHA-256 for v1).", "")
            .column("server_token", INT64, "", "Token of the server's key: what the client's MP_JOINs name.", "")
            .column("checksum", BOOLEAN, "", "A side required DSS checksums (MP_CAPABLE flag A).", "")
            .column("first_time", TIME, "s", "First packet of any subflow.", "")
            .column("last_time", TIME, "s", "Last packet of any subflow.", "")
            .column("duration", DURATION, "s", "last_time - first_time.", "")
            .enumColumn("end_reason", Arrays.stream(MptcpEndReason.values()).map(MptcpEndReason::label).toList(),
                "fastclose: MP_FASTCLOSE seen; data_fin: DATA_FIN both ways; rst: every subflow reset; " +
                "timeout: a subflow idle past --idle-timeout; end_of_capture.", "")
            .enumColumn("fallback_reason", Arrays.stream(FallbackReason.values()).map(FallbackReason::label).toList(),
                "none, or why it fell back to TCP: syn_ack_without_mp_capable, infinite_mapping, mp_fail.", "")
            .column("subflows", INT64, "", "Subflows seen (TCP connections linked to it).", "mptcptrace: subflows")
            .column("established_subflows", INT64, "", "Subflows whose MPTCP handshake completed.", "")
            .column("failed_subflows", INT64, "", "Subflows with a failure reason (see mptcp_subflows).", "")
            .column("max_open_subflows", INT64, "", "Most subflows open at once.", "")
            .column("backup_subflows", INT64, "", "Subflows that were backup at some time.", "")
            .column("hmac_failures", INT64, "", "MP_JOIN SYN/ACK or third-ACK HMACs that did not verify.", "");
        for (final String d : DIRECTIONS)
        {
            final String who = d.equals("c2s_") ? "Client to server: " : "Server to client: ";
            table.column(d + "unique_data_bytes", INT64, "bytes", who + "highest DATA_ACK - IDSN - 1 (the data " +
                    "acknowledged at the data level); empty without DATA_ACK.", "mptcptrace: seqAcked")
                .column(d + "data_bytes", INT64, "bytes", who + "bytes of all mappings, reinjections included, each " +
                    "mapping counted once (also when repeated on every GSO segment).", "")
                .column(d + "mappings", INT64, "", who + "distinct DSS mappings.", "")
                .column(d + "reinjected_bytes", INT64, "bytes", who + "payload bytes of packets resending data " +
                    "another subflow carried last, every time it happens.", "")
                .column(d + "distinct_reinjected_bytes", INT64, "bytes", who + "data bytes sent on more than one " +
                    "subflow, each counted once (the union of reinjected ranges).", "mptcptrace: bytesReinjected")
                .column(d + "reinjected_mappings", INT64, "", who + "mappings that resent data first sent on another " +
                    "subflow.", "tshark: mptcp.reinjection_of")
                .column(d + "reinjected_share", FLOAT64, "", who + "reinjected_bytes / data_bytes.", "")
                .column(d + "same_subflow_dss_retransmissions", INT64, "", who + "mappings resent on the subflow " +
                    "that first sent them.", "")
                .column(d + "subflow_switches", INT64, "", who + "consecutive new mappings on different subflows.", "")
                .column(d + "initial_subflow_bytes", INT64, "bytes", who + "mapped bytes on the initial subflow.", "")
                .column(d + "wifi_bytes", INT64, "bytes", who + "mapped bytes on WiFi subflows.", "")
                .column(d + "cellular_bytes", INT64, "bytes", who + "mapped bytes on cellular subflows.", "")
                .column(d + "unknown_interface_bytes", INT64, "bytes", who + "mapped bytes on other subflows.", "")
                .column(d + "goodput", FLOAT64, "bytes/s", who + "unique_data_bytes / duration.", "")
                .column(d + "data_fin", BOOLEAN, "", who + "a DATA_FIN was sent.", "")
                .column(d + "dss_checksums", INT64, "", who + "mappings carrying a DSS checksum.", "")
                .column(d + "data_rtt_samples", INT64, "", who + "data-level RTT samples: a mapping's first " +
                    "transmission to the DATA_ACK acknowledging exactly its end (none for resent data).", "")
                .column(d + "data_rtt_min_us", INT64, "us", who + "smallest data-level RTT.", "")
                .column(d + "data_rtt_avg_us", FLOAT64, "us", who + "mean data-level RTT.", "")
                .column(d + "data_rtt_max_us", INT64, "us", who + "largest data-level RTT.", "")
                .column(d + "data_rtt_stdev_us", FLOAT64, "us", who + "sample standard deviation (n - 1).", "");
            for (final double percentile : PERCENTILES)
            {
                table.column(d + "data_rtt_p" + (int)percentile + "_us", INT64, "us",
                    who + "data-level RTT percentile " + (int)percentile + ".", "");
            }
        }
        return table.build();
    }

    public static void write(final MptcpConnection c, final RowSink sink) throws IOException
    {
        sink.beginRow();
        sink.putLong(c.id());
        nullable(sink, c.version() >= 0, c.version());
        nullable(sink, c.clientKeyKnown(), c.clientKey());
        nullable(sink, c.serverKeyKnown(), c.serverKey());
        nullable(sink, c.clientKeyKnown(), c.clientToken() & 0xFFFF_FFFFL);
        nullable(sink, c.serverKeyKnown(), c.serverToken() & 0xFFFF_FFFFL);
        sink.putBoolean(c.checksumRequired());
        sink.putNanos(c.firstTime());
        sink.putNanos(c.lastTime());
        sink.putNanos(c.lastTime() - c.firstTime());
        sink.putEnum(c.endReason().ordinal());
        sink.putEnum(c.fallback().ordinal());
        int established = 0;
        int failed = 0;
        int backup = 0;
        for (int i = 0; i < c.subflowCount(); i++)
        {
            established += c.subflow(i).established() ? 1 : 0;
            failed += c.subflow(i).failure().ordinal() != 0 ? 1 : 0;
            backup += c.subflow(i).backupAtJoin() || c.subflow(i).backupChanges() > 0 ? 1 : 0;
        }
        sink.putLong(c.subflowCount());
        sink.putLong(established);
        sink.putLong(failed);
        sink.putLong(c.maxOpenSubflows());
        sink.putLong(backup);
        sink.putLong(c.hmacFailures());
        final double seconds = (c.lastTime() - c.firstTime()) / 1e9;
        for (int d = 0; d < 2; d++)
        {
            final DataLevel level = c.direction(d);
            final long unique = level.uniqueDataBytes();
            nullable(sink, level.uniqueDataBytesKnown(), unique);
            sink.putLong(level.dataBytes());
            sink.putLong(level.mappings());
            sink.putLong(level.reinjectedBytes());
            sink.putLong(level.distinctReinjectedBytes());
            sink.putLong(level.reinjectedMappings());
            sink.putDouble(level.dataBytes() == 0 ? Double.NaN : (double)level.reinjectedBytes() / level.dataBytes());
            sink.putLong(level.sameSubflowRetransmissions());
            sink.putLong(level.subflowSwitches());
            sink.putLong(level.initialSubflowBytes());
            sink.putLong(level.interfaceBytes(InterfaceClass.WIFI));
            sink.putLong(level.interfaceBytes(InterfaceClass.CELLULAR));
            sink.putLong(level.interfaceBytes(InterfaceClass.UNKNOWN));
            sink.putDouble(level.uniqueDataBytesKnown() && seconds > 0 ? unique / seconds : Double.NaN);
            sink.putBoolean(level.dataFin());
            sink.putLong(level.dssChecksums());
            final long n = level.rttSamples();
            sink.putLong(n);
            nullable(sink, n > 0, level.rttMinMicros());
            sink.putDouble(n == 0 ? Double.NaN : (double)level.rttSumMicros() / n);
            nullable(sink, n > 0, level.rttMaxMicros());
            sink.putDouble(n < 2 ? Double.NaN : Math.sqrt(Math.max(0,
                (level.rttSumSquares() - (double)level.rttSumMicros() * level.rttSumMicros() / n) / (n - 1))));
            for (final double percentile : PERCENTILES)
            {
                nullable(sink, n > 0, level.rttPercentileMicros(percentile));
            }
        }
        sink.endRow();
    }

    static void nullable(final RowSink sink, final boolean present, final long value) throws IOException
    {
        if (present)
        {
            sink.putLong(value);
        }
        else
        {
            sink.putNull();
        }
    }

}
