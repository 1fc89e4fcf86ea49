package org.mptcpstat.flowtable;

/**
 * The per-direction state of a connection: each constant is one native-order {@code long} in the
 * connection's slot, at {@link #offset()} from the direction's block. Declaring the layout as an
 * enum keeps it in one place for the tracker that writes it and the emitters that read it.
 * What each value means for users is defined in {@code docs/COLUMNS.md}.
 */
public enum TcpDirectionField
{
    PACKETS,
    IP_BYTES,
    PAYLOAD_BYTES,
    DATA_PACKETS,
    PURE_ACKS,
    /** Packets with the ACK flag, whatever else they carry (tstat's {@code ack_cnt}; docs/COMPAT.md). */
    ACK_PACKETS,
    SYN_PACKETS,
    FIN_PACKETS,
    RST_PACKETS,
    PUSHED_PACKETS,
    SACK_PACKETS,
    SACK_BLOCKS,
    DSACKS,
    DUP_ACKS,
    ZERO_WINDOW_ADVERTS,
    ZERO_WINDOW_PROBES,
    ZERO_WINDOW_PROBE_BYTES,
    OUT_OF_ORDER_PACKETS,
    MISSED_BYTES,
    TRUNCATED_PACKETS,
    RETRANS_PACKETS,
    RETRANS_BYTES,
    RETRANS_UNNECESSARY,
    RETRANS_NETWORK_DUPLICATE,
    RETRANS_FAST_RETRANSMIT,
    RETRANS_RTO,
    RETRANS_UNKNOWN,
    /** Payload bytes sent for the first time (tcptrace's "unique bytes sent"). */
    UNIQUE_BYTES,
    /** MSS option value, -1 when not announced. */
    MSS,
    /** Window scale shift, -1 when not announced. */
    WINDOW_SCALE,
    /** 1 when the SACK-permitted option was sent. */
    SACK_PERMITTED,
    /** 1 when the timestamps option was sent. */
    TIMESTAMPS,
    /** Payload sizes of data packets, bytes. */
    MIN_SEGMENT,
    MAX_SEGMENT,
    /** Advertised receive window, scaled, bytes. */
    MIN_WINDOW,
    MAX_WINDOW,
    /** Bytes sent and not yet acknowledged, sampled at each data packet. */
    MIN_IN_FLIGHT,
    MAX_IN_FLIGHT,
    MIN_TTL,
    MAX_TTL,
    /** Times, epoch nanoseconds, {@link Long#MIN_VALUE} when not seen. */
    FIRST_PAYLOAD_TIME,
    LAST_PAYLOAD_TIME,
    FIRST_ACK_TIME,
    /** First ACK that is not a SYN/ACK (tstat's {@code first_ack}; docs/COMPAT.md). */
    FIRST_NON_SYN_ACK_TIME,
    LAST_ACK_TIME,
    FIN_TIME,
    LAST_PACKET_TIME,
    /** 1 once the sequence fields below are set (by the direction's first packet). */
    SEQ_KNOWN,
    /** Start of sequence space: the SYN's sequence number, else the first one seen minus one. */
    ISN,
    /** Sequence number of the last SYN sent, unwrapped. */
    SYN_SEQ,
    /** One past the highest payload byte sent, unwrapped; ISN + 1 before any payload. */
    PAYLOAD_END,
    /** One past the highest sequence number (payload, SYN or FIN) sent, unwrapped. */
    SEQ_END,
    /** Highest acknowledgment number sent, unwrapped against the other side's sequence space. */
    ACK_SENT,
    /** 1 once this direction sent an ACK. */
    ACK_KNOWN,
    /** Raw acknowledgment number and effective window of the last non-RST packet (duplicate-ACK rule). */
    LAST_ACK_NUMBER,
    LAST_WINDOW,
    /** 1 once this direction sent new data that was not out of order: duplicate ACKs need it. */
    SENT_NEW_DATA,
    /** Duplicate ACKs in a row so far. */
    DUP_ACK_RUN,
    /** RTT of this direction's SYN (or SYN/ACK), µs, when it was sent once; else not measured. */
    HANDSHAKE_RTT_US,
    RTT_SAMPLES,
    RTT_SUM_US,
    RTT_SUM_SQUARES_US,
    RTT_MIN_US,
    RTT_MAX_US,
    /** First and last segment of this direction's list in the {@link SegmentList}. */
    SEGMENT_HEAD,
    SEGMENT_TAIL;

    private static final TcpDirectionField[] RETRANS_BY_CLASS = {
        RETRANS_UNNECESSARY, RETRANS_NETWORK_DUPLICATE, RETRANS_FAST_RETRANSMIT, RETRANS_RTO, RETRANS_UNKNOWN };

    /** @return bytes from the start of a direction's block. */
    public int offset()
    {
        return ordinal() * 8;
    }

    /** @return the counter of retransmissions of one class. */
    public static TcpDirectionField retransmissions(final RetransmissionClass retransmissionClass)
    {
        return RETRANS_BY_CLASS[retransmissionClass.ordinal()];
    }

    /** Bytes of one direction's block. */
    public static final int BLOCK_LENGTH = values().length * 8;
}
