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
    /**
     * One past the highest subflow sequence number mapped in each direction (0 before any): a
     * mapping starting below it repeats one already counted (the next GSO segment of one send,
     * or a TCP retransmission), whatever came in between.
     */
    MAPPED_SSN_END_A_TO_B,
    MAPPED_SSN_END_B_TO_A,
    /**
     * The mapping in force in each direction (data sequence number, subflow sequence number,
     * data bytes): it places the payload of every packet it covers, also of packets that do not
     * repeat it.
     */
    MAPPING_DSN_A_TO_B,
    MAPPING_DSN_B_TO_A,
    MAPPING_SSN_A_TO_B,
    MAPPING_SSN_B_TO_A,
    MAPPING_DATA_BYTES_A_TO_B,
    MAPPING_DATA_BYTES_B_TO_A,
    /** The MP_JOIN random numbers and the SYN/ACK's truncated HMAC, to check the join's HMACs. */
    JOIN_CLIENT_RANDOM,
    JOIN_SERVER_RANDOM;

    /** Bytes of the block. */
    public static final int BLOCK_LENGTH = values().length * 8;

    /** @return the field of a TCP direction: {@code base} is the A_TO_B one. */
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
