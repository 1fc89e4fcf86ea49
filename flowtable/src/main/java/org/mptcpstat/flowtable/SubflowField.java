package org.mptcpstat.flowtable;

/**
 * What a TCP connection's slot records of its role as an MPTCP subflow; the MPTCP connection
 * it belongs to keeps everything else. Each constant is one native-order {@code long}.
 */
public enum SubflowField
{
    /** 1 + index of the MPTCP connection in the MPTCP tracker's pool; 0: not (yet) a subflow. */
    MPTCP_SLOT,
    /** The subflow's number within its MPTCP connection: 0 for the initial one. */
    SUBFLOW,
    /** Bits of the subflow's handshake as {@code MptcpTracker} tracks it. */
    STATE,
    /** The last mapping sent in each direction: repeated on every GSO segment, it counts once. */
    LAST_MAPPING_DSN_A_TO_B,
    LAST_MAPPING_DSN_B_TO_A,
    LAST_MAPPING_SSN_A_TO_B,
    LAST_MAPPING_SSN_B_TO_A,
    LAST_MAPPING_LENGTH_A_TO_B,
    LAST_MAPPING_LENGTH_B_TO_A,
    /** The MP_JOIN random numbers and the SYN/ACK's truncated HMAC, to check the join's HMACs. */
    JOIN_CLIENT_RANDOM,
    JOIN_SERVER_RANDOM;

    /** Bytes of the block. */
    public static final int BLOCK_LENGTH = values().length * 8;

    /** @return the last-mapping field of a TCP direction: {@code base} is the A_TO_B one. */
    public static SubflowField ofDirection(final SubflowField base, final int direction)
    {
        return VALUES[base.ordinal() + direction];
    }

    private static final SubflowField[] VALUES = values();

    int offset()
    {
        return ordinal() * 8;
    }
}
