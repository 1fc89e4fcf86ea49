package org.mptcpstat.cli.compat.tstat;

import org.mptcpstat.cli.compat.tstat.TstatLog.Cell;
import org.mptcpstat.cli.compat.tstat.TstatLog.Column;
import org.mptcpstat.emitters.AsciiWriter;
import org.mptcpstat.emitters.tcp.TcpConnectionsTable;
import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.RetransmissionClass;
import org.mptcpstat.flowtable.TcpConnection;
import org.mptcpstat.flowtable.TcpDirectionField;

import java.io.IOException;

import static org.mptcpstat.cli.compat.tstat.TstatLog.UNKNOWN;
import static org.mptcpstat.flowtable.TcpDirectionField.*;

/**
 * The columns of tstat 3.3.0's {@code log_tcp_complete} and {@code log_tcp_nocomplete}, each filled
 * from mptcpstat's counters; docs/COMPAT.md says what each holds and where it differs from tstat.
 * Times are in milliseconds, from microsecond timestamps (tstat reads captures through libpcap's
 * microseconds), printed as C's {@code %f} prints a double, as tstat does. Values that tstat
 * would print but mptcpstat does not measure are {@code -}.
 */
final class TstatLogColumns
{
    private static final long NOT_SEEN = Long.MIN_VALUE;
    private static final int MILLISECOND_DECIMALS = 6;
    private static final double MICROS_PER_MILLI = 1000.0;
    private static final double RTT_COUNT_OFFSET = 1e-4;
    /** tstat writes a standard deviation of 0 below three RTT samples. */
    private static final long MIN_RTT_SAMPLES_FOR_DEVIATION = 3;

    /** The core set only: tstat's fixed layout for connections not closed properly. */
    static final TstatLog NOCOMPLETE = core().build();
    /** tstat's default layout: core, end-to-end, P2P, TCP options and layer-7 sets. */
    static final TstatLog COMPLETE = layer7(tcpOptions(peerToPeer(endToEnd(core())))).build();

    private TstatLogColumns()
    {
    }

    private static TstatLog.Builder core()
    {
        return TstatLog.builder()
            .sides(
                new Column("ip", TstatLogColumns::address),
                new Column("port", (c, x, d, out) -> out.putLong(c.senderPort(d))),
                count("pkts_all", PACKETS),
                count("rst_cnt", RST_PACKETS),
                count("ack_cnt", ACK_PACKETS),
                count("ack_cnt_p", PURE_ACKS),
                count("bytes_uniq", UNIQUE_BYTES),
                count("pkts_data", DATA_PACKETS),
                count("bytes_all", PAYLOAD_BYTES),
                count("pkts_retx", RETRANS_PACKETS),
                // Payload bytes only: a resent SYN or FIN is a retransmitted packet of no bytes.
                new Column("bytes_retx", (c, x, d, out) -> out.putLong(
                    c.get(d, PAYLOAD_BYTES) - c.get(d, UNIQUE_BYTES) - c.get(d, ZERO_WINDOW_PROBE_BYTES))),
                count("pkts_ooo", OUT_OF_ORDER_PACKETS),
                count("syn_cnt", SYN_PACKETS),
                count("fin_cnt", FIN_PACKETS))
            .connection("first", (c, x, d, out) -> milliseconds(micros(c.firstTime()), out))
            .connection("last", (c, x, d, out) -> milliseconds(micros(c.lastTime()), out))
            .connection("durat", (c, x, d, out) -> milliseconds(micros(c.lastTime()) - micros(c.firstTime()), out))
            .pair("first", sinceFirstPacket(FIRST_PAYLOAD_TIME))
            .pair("last", sinceFirstPacket(LAST_PAYLOAD_TIME))
            .pair("first_ack", sinceFirstPacket(FIRST_NON_SYN_ACK_TIME))
            // Internal or not depends on tstat's -N networks, which mptcpstat has no notion of.
            .pair("isint", UNKNOWN)
            // mptcpstat never anonymizes addresses.
            .pair("iscrypto", (c, x, d, out) -> out.putLong(0))
            .unknown("con_t", "p2p_t", "http_t");
    }

    private static TstatLog.Builder endToEnd(final TstatLog.Builder log)
    {
        return log.sides(
            // tstat divides by the count plus 1e-4 (no sample gives 0): the same, so that the values agree.
            new Column("rtt_avg", (c, x, d, out) -> out.putFixed(
                c.get(d, RTT_SUM_US) / MICROS_PER_MILLI / (c.get(d, RTT_SAMPLES) + RTT_COUNT_OFFSET),
                MILLISECOND_DECIMALS)),
            new Column("rtt_min", (c, x, d, out) -> milliseconds(orZero(c.get(d, RTT_MIN_US), Long.MAX_VALUE), out)),
            new Column("rtt_max", (c, x, d, out) -> milliseconds(orZero(c.get(d, RTT_MAX_US), NOT_SEEN), out)),
            new Column("rtt_std", (c, x, d, out) -> out.putFixed(rttStandardDeviationMillis(c, d),
                MILLISECOND_DECIMALS)),
            count("rtt_cnt", RTT_SAMPLES),
            orZero("ttl_min", MIN_TTL, Long.MAX_VALUE),
            orZero("ttl_max", MAX_TTL, NOT_SEEN));
    }

    private static TstatLog.Builder peerToPeer(final TstatLog.Builder log)
    {
        return log.unknown("p2p_st", "ed2k_data", "ed2k_sig", "ed2k_c2s", "ed2k_c2c", "ed2k_chat");
    }

    private static TstatLog.Builder tcpOptions(final TstatLog.Builder log)
    {
        return log.sides(
            new Column("f1323_opt", (c, x, d, out) ->
                out.putLong(c.get(d, WINDOW_SCALE) >= 0 || c.get(d, TIMESTAMPS) != 0 ? 1 : 0)),
            count("tm_opt", TIMESTAMPS),
            orZero("win_scl", WINDOW_SCALE, -1),
            count("sack_opt", SACK_PERMITTED),
            count("sack_cnt", SACK_PACKETS),
            orZero("mss", MSS, -1),
            orZero("mss_max", MAX_SEGMENT, NOT_SEEN),
            orZero("mss_min", MIN_SEGMENT, Long.MAX_VALUE),
            orZero("win_max", MAX_WINDOW, NOT_SEEN),
            orZero("win_min", MIN_WINDOW, Long.MAX_VALUE),
            count("win_0", ZERO_WINDOW_ADVERTS),
            orZero("cwin_max", MAX_IN_FLIGHT, NOT_SEEN),
            orZero("cwin_min", MIN_IN_FLIGHT, Long.MAX_VALUE),
            new Column("cwin_ini", UNKNOWN),
            count("pkts_rto", TcpDirectionField.retransmissions(RetransmissionClass.RTO)),
            count("pkts_fs", TcpDirectionField.retransmissions(RetransmissionClass.FAST_RETRANSMIT)),
            count("pkts_reor", OUT_OF_ORDER_PACKETS),
            count("pkts_dup", TcpDirectionField.retransmissions(RetransmissionClass.NETWORK_DUPLICATE)),
            count("pkts_unk", TcpDirectionField.retransmissions(RetransmissionClass.UNKNOWN)),
            count("pkts_fc", ZERO_WINDOW_PROBES),
            // mptcpstat's one class "unnecessary" is tstat's two: after an RTO, after a fast retransmit.
            new Column("pkts_unrto", UNKNOWN),
            new Column("pkts_unfs", UNKNOWN),
            new Column("syn_retx", (c, x, d, out) -> out.putLong(Math.max(0, c.get(d, SYN_PACKETS) - 1))));
    }

    private static TstatLog.Builder layer7(final TstatLog.Builder log)
    {
        return log.unknown("http_req_cnt", "http_res_cnt", "http_res")
            .pair("pkts_push", (c, x, d, out) -> out.putLong(c.get(d, PUSHED_PACKETS)))
            .unknown("c_tls_SNI", "s_tls_SCN", "c_npnalpn", "s_npnalpn", "tls_session_stat", "c_last_handshakeT",
                "s_last_handshakeT", "c_appdataT", "s_appdataT", "c_appdataB", "s_appdataB", "fqdn", "dns_rslv",
                "req_tm", "res_tm", "http_hostname", "c_TLSvers", "s_TLSvers", "dns_enc");
    }

    private static Column count(final String name, final TcpDirectionField field)
    {
        return new Column(name, (c, x, d, out) -> out.putLong(c.get(d, field)));
    }

    /** A value that may not have been seen, written as 0 then, as tstat does. */
    private static Column orZero(final String name, final TcpDirectionField field, final long absent)
    {
        return new Column(name, (c, x, d, out) -> out.putLong(orZero(c.get(d, field), absent)));
    }

    private static long orZero(final long value, final long absent)
    {
        return value == absent ? 0 : value;
    }

    /** Milliseconds from the connection's first packet to a direction's time, 0 when never seen. */
    private static Cell sinceFirstPacket(final TcpDirectionField time)
    {
        return (c, x, d, out) -> milliseconds(
            c.get(d, time) == NOT_SEEN ? 0 : micros(c.get(d, time)) - micros(c.firstTime()), out);
    }

    private static void address(final TcpConnection c, final ConnectionExtras x,
        final int d, final AsciiWriter out) throws IOException
    {
        if (c.ipVersion() == 4)
        {
            out.putIpv4(c.senderAddressLow(d) & 0xFFFF_FFFFL);
        }
        else
        {
            out.putIpv6(c.senderAddressHigh(d), c.senderAddressLow(d));
        }
    }

    /** Sample standard deviation (n - 1), as tstat's. */
    private static double rttStandardDeviationMillis(final TcpConnection c, final int d)
    {
        return c.get(d, RTT_SAMPLES) < MIN_RTT_SAMPLES_FOR_DEVIATION ? 0 :
            TcpConnectionsTable.rttStandardDeviationMicros(c, d) / MICROS_PER_MILLI;
    }

    /** @return microseconds, truncated towards the past, as libpcap gives tstat its timestamps. */
    private static long micros(final long nanos)
    {
        return Math.floorDiv(nanos, 1000L);
    }

    private static void milliseconds(final long micros, final AsciiWriter out) throws IOException
    {
        out.putFixed(micros / MICROS_PER_MILLI, MILLISECOND_DECIMALS);
    }
}
