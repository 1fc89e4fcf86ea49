package org.mptcpstat.emitters.tcp;

import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.EndReason;
import org.mptcpstat.flowtable.TcpConnection;
import org.mptcpstat.flowtable.TcpDirectionField;

import java.io.IOException;
import java.util.List;

import static org.mptcpstat.emitters.table.ColumnType.BOOLEAN;
import static org.mptcpstat.emitters.table.ColumnType.DURATION;
import static org.mptcpstat.emitters.table.ColumnType.FLOAT64;
import static org.mptcpstat.emitters.table.ColumnType.INT64;
import static org.mptcpstat.emitters.table.ColumnType.TIME;
import static org.mptcpstat.flowtable.TcpDirectionField.*;

/** Table {@code tcp_connections}: one row per TCP connection, both directions side by side. */
public final class TcpConnectionsTable
{
    private static final long NOT_SEEN = Long.MIN_VALUE;
    private static final double[] PERCENTILES = { 25, 50, 75, 90, 95, 99 };

    private static final TableBuilder.ConnectionTable TABLE = build();

    private TcpConnectionsTable()
    {
    }

    public static TableSchema schema()
    {
        return TABLE.schema();
    }

    public static void write(final TcpConnection connection, final ConnectionExtras extras, final RowSink sink)
        throws IOException
    {
        TABLE.write(connection, extras, sink);
    }

    private static TableBuilder.ConnectionTable build()
    {
        final TableBuilder table = new TableBuilder("tcp_connections",
            "One row per TCP connection (each MPTCP subflow is one), written as connections finish " +
            "(in no defined order when the capture is analyzed on several threads).");
        table.connection("conn_id", INT64, "", "Names the connection within the capture: the frame number of its " +
            "first packet (so equal to first_frame), whatever the number of threads.",
            "tcptrace: conn # (same order)", (c, x, d, s) -> s.putLong(c.connId()));
        table.connection("client_addr", ColumnType.ADDRESS, "", "Client address: sender of the first SYN; " +
            "without SYN, the side not matching --proxy, else the side with the higher port.", "tstat: c_ip",
            (c, x, d, s) -> s.putAddress(c.ipVersion(), c.senderAddressHigh(c.clientDirection()),
                c.senderAddressLow(c.clientDirection())));
        table.connection("client_port", INT64, "", "Client TCP port.", "tstat: c_port",
            (c, x, d, s) -> s.putLong(c.senderPort(c.clientDirection())));
        table.connection("server_addr", ColumnType.ADDRESS, "", "Server address.", "tstat: s_ip",
            (c, x, d, s) -> s.putAddress(c.ipVersion(), c.senderAddressHigh(c.serverDirection()),
                c.senderAddressLow(c.serverDirection())));
        table.connection("server_port", INT64, "", "Server TCP port.", "tstat: s_port",
            (c, x, d, s) -> s.putLong(c.senderPort(c.serverDirection())));
        table.connection("ip_version", INT64, "", "4 or 6.", "", (c, x, d, s) -> s.putLong(c.ipVersion()));
        table.connection("first_frame", INT64, "", "Frame number (as tshark counts) of the first packet.", "",
            (c, x, d, s) -> s.putLong(c.firstFrame()));
        table.connection("first_time", TIME, "s", "Time of the first packet, epoch seconds.",
            "tcptrace: first_packet", (c, x, d, s) -> s.putNanos(c.firstTime()));
        table.connection("last_time", TIME, "s", "Time of the last packet, epoch seconds.", "tcptrace: last_packet",
            (c, x, d, s) -> s.putNanos(c.lastTime()));
        table.connection("duration", DURATION, "s", "last_time - first_time.", "tcptrace: elapsed time",
            (c, x, d, s) -> s.putNanos(c.lastTime() - c.firstTime()));
        table.connectionEnum("end_reason", labels(), "fin: both FINs sent and acknowledged; rst: a RST was seen; " +
            "timeout: idle longer than --idle-timeout; end_of_capture: still open when the capture ended.", "",
            (c, x, d, s) -> s.putEnum(c.endReason().ordinal()));
        table.connection("handshake_seen", BOOLEAN, "", "SYN, SYN/ACK and the client's ACK of it were all seen.", "",
            (c, x, d, s) -> s.putBoolean(c.handshakeSeen()));
        table.connection("complete", BOOLEAN, "", "handshake_seen and an end by FIN or RST.", "tstat: complete",
            (c, x, d, s) -> s.putBoolean(c.handshakeSeen() &&
                (c.endReason() == EndReason.FIN || c.endReason() == EndReason.RST)));
        table.connection("socks_daddr", ColumnType.ADDRESS, "", "Destination the client asked its SOCKS proxy for " +
            "(plain SOCKS5 CONNECT, or shadowsocks with --socks-password); empty if none or a domain name.",
            "old pipeline: socks_daddr", (c, x, d, s) ->
            {
                if (c.socksIpVersion() == 0)
                {
                    s.putNull();
                }
                else
                {
                    s.putAddress(c.socksIpVersion(), c.socksAddressHigh(), c.socksAddressLow());
                }
            });
        table.connection("socks_port", INT64, "", "Destination port of that SOCKS request.", "old pipeline: socks_port",
            (c, x, d, s) ->
            {
                if (c.socksIpVersion() == 0)
                {
                    s.putNull();
                }
                else
                {
                    s.putLong(c.socksPort());
                }
            });
        table.connection("syn_time", DURATION, "s", "Client's first SYN, seconds after first_time.", "",
            (c, x, d, s) -> relative(c, c.synTime(), s));
        table.connection("syn_ack_time", DURATION, "s", "Server's first SYN/ACK, seconds after first_time.", "",
            (c, x, d, s) -> relative(c, c.synAckTime(), s));
        table.connection("handshake_ack_time", DURATION, "s", "Client's ACK of the SYN/ACK, seconds after first_time.",
            "", (c, x, d, s) -> relative(c, c.handshakeAckTime(), s));

        counter(table, "packets", PACKETS, "packets", "All packets, retransmissions included.",
            "tcptrace: total packets");
        counter(table, "ip_bytes", IP_BYTES, "bytes", "IP bytes (IP header lengths), headers included.", "");
        counter(table, "payload_bytes", PAYLOAD_BYTES, "bytes",
            "TCP payload bytes from the IP lengths (not the captured lengths), retransmissions included.",
            "tcptrace: actual data bytes");
        counter(table, "unique_bytes", UNIQUE_BYTES, "bytes",
            "Payload bytes sent for the first time: no retransmitted byte, no zero-window probe counted.",
            "tcptrace: unique bytes sent");
        counter(table, "data_packets", DATA_PACKETS, "packets", "Packets with payload.",
            "tcptrace: actual data pkts");
        counter(table, "pure_acks", PURE_ACKS, "packets", "ACKs without payload, SYN, FIN or RST.",
            "tcptrace: pure acks sent");
        counter(table, "syn_packets", SYN_PACKETS, "packets", "Packets with SYN.", "tcptrace: SYN pkts sent");
        counter(table, "fin_packets", FIN_PACKETS, "packets", "Packets with FIN.", "tcptrace: FIN pkts sent");
        counter(table, "rst_packets", RST_PACKETS, "packets", "Packets with RST.", "tcptrace: resets sent");
        counter(table, "pushed_packets", PUSHED_PACKETS, "packets", "Data packets with PSH.",
            "tcptrace: pushed data pkts");
        counter(table, "sack_packets", SACK_PACKETS, "packets", "ACKs with at least one SACK block.",
            "tcptrace: sack pkts sent");
        counter(table, "sack_blocks", SACK_BLOCKS, "blocks", "SACK blocks in those ACKs.", "");
        counter(table, "dsacks", DSACKS, "packets", "ACKs whose first SACK block is a D-SACK (RFC 2883).",
            "tcptrace: dsack pkts sent");
        counter(table, "dup_acks", DUP_ACKS, "packets",
            "Duplicate ACKs: no payload, same acknowledgment and window as the previous ACK, ending at a segment.",
            "tcptrace: duplicate acks");
        counter(table, "zero_window_adverts", ZERO_WINDOW_ADVERTS, "packets", "ACKs advertising a zero window.",
            "tcptrace: zero win adv");
        counter(table, "zero_window_probes", ZERO_WINDOW_PROBES, "packets",
            "Packets with payload, FIN or SYN/ACK sent while the peer's last window was zero (tstat: flow control).",
            "tcptrace: zwnd probe pkts");
        counter(table, "out_of_order_packets", OUT_OF_ORDER_PACKETS, "packets",
            "Packets filling a hole below data already seen (tstat: reordering).", "tcptrace: outoforder pkts");
        table.direction("missed_bytes", INT64, "bytes",
            "Payload bytes below the highest one sent that never appeared in the capture.", "tcptrace: missed data",
            (c, x, d, s) -> s.putLong(Math.max(0, c.get(d, PAYLOAD_END) - c.get(d, ISN) - 1 -
                c.get(d, UNIQUE_BYTES) - c.get(d, ZERO_WINDOW_PROBE_BYTES))));
        counter(table, "truncated_packets", TRUNCATED_PACKETS, "packets",
            "Packets whose payload was cut by the capture's snap length.", "tcptrace: truncated packets");
        counter(table, "retrans_packets", RETRANS_PACKETS, "packets",
            "Packets resending sequence numbers already seen (a resent SYN or FIN counts, as in tcptrace).",
            "tcptrace: rexmt data pkts");
        counter(table, "retrans_bytes", RETRANS_BYTES, "bytes",
            "Sequence numbers resent (a SYN or FIN counts one).", "tcptrace: rexmt data bytes");
        for (final org.mptcpstat.flowtable.RetransmissionClass kind : org.mptcpstat.flowtable.RetransmissionClass.values())
        {
            counter(table, "retrans_" + kind.label(), TcpDirectionField.retransmissions(kind), "packets",
                "Retransmitted packets of class " + kind.label() + " (see tcp_retransmissions.class).", "");
        }
        optional(table, "mss", MSS, INT64, "bytes", "MSS option value (last one sent); empty if none.",
            "tcptrace: mss requested");
        optional(table, "window_scale", WINDOW_SCALE, INT64, "", "Window scale shift announced; empty if none.",
            "tcptrace: adv wind scale");
        table.direction("sack_permitted", BOOLEAN, "", "SACK-permitted option sent.", "tcptrace: req sack",
            (c, x, d, s) -> s.putBoolean(c.get(d, SACK_PERMITTED) != 0));
        table.direction("timestamps", BOOLEAN, "", "Timestamps option sent.", "tcptrace: req 1323 ts",
            (c, x, d, s) -> s.putBoolean(c.get(d, TIMESTAMPS) != 0));
        minimum(table, "min_segment", MIN_SEGMENT, "bytes", "Smallest payload of a data packet.",
            "tcptrace: min segm size");
        maximum(table, "max_segment", MAX_SEGMENT, "bytes", "Largest payload of a data packet.",
            "tcptrace: max segm size");
        table.direction("avg_segment", FLOAT64, "bytes", "payload_bytes / data_packets.", "tcptrace: avg segm size",
            (c, x, d, s) -> s.putDouble(ratio(c.get(d, PAYLOAD_BYTES), c.get(d, DATA_PACKETS))));
        minimum(table, "min_window", MIN_WINDOW, "bytes", "Smallest non-zero advertised window, scaled.",
            "tcptrace: min win adv");
        maximum(table, "max_window", MAX_WINDOW, "bytes", "Largest advertised window, scaled.",
            "tcptrace: max win adv");
        minimum(table, "min_in_flight", MIN_IN_FLIGHT, "bytes",
            "Smallest number of bytes sent and not yet acknowledged, sampled at each data packet.", "");
        maximum(table, "max_in_flight", MAX_IN_FLIGHT, "bytes", "Largest bytes in flight.", "");
        minimum(table, "min_ttl", MIN_TTL, "", "Smallest IPv4 TTL or IPv6 hop limit.", "tstat: ttl_min");
        maximum(table, "max_ttl", MAX_TTL, "", "Largest IPv4 TTL or IPv6 hop limit.", "tstat: ttl_max");
        time(table, "first_payload_time", FIRST_PAYLOAD_TIME, "First payload byte, seconds after first_time.",
            "tstat: first payload");
        time(table, "last_payload_time", LAST_PAYLOAD_TIME, "Last payload byte, seconds after first_time.",
            "tstat: last payload");
        time(table, "first_ack_time", FIRST_ACK_TIME, "First ACK, seconds after first_time.", "tstat: first ack");
        time(table, "last_ack_time", LAST_ACK_TIME, "Last ACK, seconds after first_time.", "");
        time(table, "fin_time", FIN_TIME, "First FIN, seconds after first_time.", "");
        counter(table, "rtt_samples", RTT_SAMPLES, "samples",
            "RTT samples: ACKs that acknowledge exactly the last byte of a segment sent once (Karn), " +
            "with no segment below it sent later.", "tcptrace: RTT samples");
        table.direction("rtt_min_us", INT64, "us", "Smallest RTT sample.", "tcptrace: RTT min",
            (c, x, d, s) -> nullIf(c.get(d, RTT_MIN_US), Long.MAX_VALUE, s));
        table.direction("rtt_avg_us", FLOAT64, "us", "Mean RTT sample.", "tcptrace: RTT avg",
            (c, x, d, s) -> s.putDouble(ratio(c.get(d, RTT_SUM_US), c.get(d, RTT_SAMPLES))));
        table.direction("rtt_max_us", INT64, "us", "Largest RTT sample.", "tcptrace: RTT max",
            (c, x, d, s) -> nullIf(c.get(d, RTT_MAX_US), NOT_SEEN, s));
        table.direction("rtt_stdev_us", FLOAT64, "us", "Sample standard deviation of the RTT (n - 1); " +
            "empty below 2 samples.", "tcptrace: RTT stdev",
            (c, x, d, s) -> s.putDouble(rttStandardDeviationMicros(c, d)));
        for (final double percentile : PERCENTILES)
        {
            table.direction("rtt_p" + (int)percentile + "_us", INT64, "us", "RTT percentile " + (int)percentile +
                " (HdrHistogram, 2 significant digits).", "",
                (c, x, d, s) -> nullIf(x.rttPercentileMicros(d, percentile), -1, s));
        }
        table.direction("handshake_rtt_us", INT64, "us", "RTT sample of this direction's SYN (client) or SYN/ACK " +
            "(server), when it was sent once.", "tcptrace: RTT from 3WHS",
            (c, x, d, s) -> nullIf(c.get(d, HANDSHAKE_RTT_US), NOT_SEEN, s));
        return table.build();
    }

    private static List<String> labels()
    {
        return java.util.Arrays.stream(EndReason.values()).map(EndReason::label).toList();
    }

    private static void counter(final TableBuilder table, final String name, final TcpDirectionField field,
        final String unit, final String meaning, final String reference)
    {
        table.direction(name, INT64, unit, meaning, reference, (c, x, d, s) -> s.putLong(c.get(d, field)));
    }

    private static void optional(final TableBuilder table, final String name, final TcpDirectionField field,
        final ColumnType type, final String unit, final String meaning, final String reference)
    {
        table.direction(name, type, unit, meaning, reference, (c, x, d, s) -> nullIf(c.get(d, field), -1, s));
    }

    private static void minimum(final TableBuilder table, final String name, final TcpDirectionField field,
        final String unit, final String meaning, final String reference)
    {
        table.direction(name, INT64, unit, meaning, reference, (c, x, d, s) -> nullIf(c.get(d, field), Long.MAX_VALUE, s));
    }

    private static void maximum(final TableBuilder table, final String name, final TcpDirectionField field,
        final String unit, final String meaning, final String reference)
    {
        table.direction(name, INT64, unit, meaning, reference, (c, x, d, s) -> nullIf(c.get(d, field), NOT_SEEN, s));
    }

    private static void time(final TableBuilder table, final String name, final TcpDirectionField field,
        final String meaning, final String reference)
    {
        table.direction(name, DURATION, "s", meaning, reference, (c, x, d, s) -> relative(c, c.get(d, field), s));
    }

    private static void relative(final TcpConnection c, final long time, final RowSink sink) throws IOException
    {
        if (time == NOT_SEEN)
        {
            sink.putNull();
        }
        else
        {
            sink.putNanos(time - c.firstTime());
        }
    }

    private static void nullIf(final long value, final long absent, final RowSink sink) throws IOException
    {
        if (value == absent)
        {
            sink.putNull();
        }
        else
        {
            sink.putLong(value);
        }
    }

    private static double ratio(final long sum, final long count)
    {
        return count == 0 ? Double.NaN : (double)sum / count;
    }

    /** @return the sample standard deviation (n - 1) of a direction's RTT samples, µs; NaN below 2 samples. */
    public static double rttStandardDeviationMicros(final TcpConnection c, final int d)
    {
        final long n = c.get(d, RTT_SAMPLES);
        if (n < 2)
        {
            return Double.NaN;
        }
        final double sum = c.get(d, RTT_SUM_US);
        final double variance = (c.get(d, RTT_SUM_SQUARES_US) - sum * sum / n) / (n - 1);
        return Math.sqrt(Math.max(0, variance));
    }
}
