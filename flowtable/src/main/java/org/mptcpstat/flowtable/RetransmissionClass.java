package org.mptcpstat.flowtable;

import java.util.Locale;

/**
 * Why a segment was sent again, after tstat's classification of out-of-sequence segments. Two of
 * tstat's classes are not retransmissions in mptcpstat's (and tcptrace's) sense and are counted
 * apart instead: reordering (a late segment filling a hole: {@code out_of_order_packets}) and
 * flow control (a window probe: {@code zero_window_probes}).
 */
public enum RetransmissionClass
{
    /** Its bytes had all been acknowledged by the receiver before it was sent. */
    UNNECESSARY,
    /** Sent again within half the smallest RTT measured so far: duplicated by the network, not the sender. */
    NETWORK_DUPLICATE,
    /** The receiver had sent three or more duplicate ACKs asking for its first byte. */
    FAST_RETRANSMIT,
    /** Sent after a silence of at least the average RTT (or 200 ms before any RTT sample). */
    RTO,
    /** None of the above. */
    UNKNOWN;

    public static final int COUNT = values().length;

    private static final RetransmissionClass[] VALUES = values();

    public static RetransmissionClass of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** @return the label used in tables. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
