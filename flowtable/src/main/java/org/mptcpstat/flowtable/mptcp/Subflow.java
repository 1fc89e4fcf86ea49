package org.mptcpstat.flowtable.mptcp;

/** What an MPTCP connection records of one of its subflows, kept until the connection ends. */
public final class Subflow
{
    /** New mappings remembered per direction: a window of several hundred KB of Linux's mappings. */
    private static final int RECENT_MAPPINGS = 16;

    long connId;
    boolean initial;
    /** A join opened by the MPTCP connection's server: its TCP client direction is the server's. */
    boolean reversed;
    int addressId;
    boolean backupAtJoin;
    boolean backup;
    int backupChanges;
    InterfaceClass interfaceClass;
    long synTime;
    final long[] mappedBytes = new long[2];
    long reinjectionsOriginated;
    long reinjectionsReceived;
    boolean established;
    SubflowFailure failure;
    int tcpRstReason;
    boolean open;
    boolean endedByRst;
    int ipVersion;
    long clientHigh;
    long clientLow;
    int clientPort;
    long serverHigh;
    long serverLow;
    int serverPort;
    /** Per direction, the subflow sequence numbers where the last new mappings started (a ring). */
    private final long[][] recentMappingStarts = new long[2][RECENT_MAPPINGS];
    private final int[] newMappings = new int[2];

    void reset()
    {
        newMappings[0] = 0;
        newMappings[1] = 0;
        connId = -1;
        initial = false;
        reversed = false;
        addressId = -1;
        backupAtJoin = false;
        backup = false;
        backupChanges = 0;
        interfaceClass = InterfaceClass.UNKNOWN;
        synTime = Long.MIN_VALUE;
        mappedBytes[0] = 0;
        mappedBytes[1] = 0;
        reinjectionsOriginated = 0;
        reinjectionsReceived = 0;
        established = false;
        failure = SubflowFailure.NONE;
        tcpRstReason = -1;
        open = true;
        endedByRst = false;
    }

    void rememberNewMapping(final int direction, final long ssn)
    {
        recentMappingStarts[direction][newMappings[direction]++ & (RECENT_MAPPINGS - 1)] = ssn;
    }

    /** @return whether one of the last new mappings of this direction started at this subflow sequence number. */
    boolean mappedRecently(final int direction, final long ssn)
    {
        final int remembered = Math.min(newMappings[direction], RECENT_MAPPINGS);
        for (int i = 0; i < remembered; i++)
        {
            if (recentMappingStarts[direction][i] == ssn)
            {
                return true;
            }
        }
        return false;
    }

    /** @return conn_id of the subflow's row in tcp_connections. */
    public long connId()
    {
        return connId;
    }

    public boolean initial()
    {
        return initial;
    }

    /** @return the address ID of the MP_JOIN (0 for the initial subflow), -1 if unknown. */
    public int addressId()
    {
        return addressId;
    }

    public boolean backupAtJoin()
    {
        return backupAtJoin;
    }

    /** @return the backup state after the last MP_PRIO. */
    public boolean backup()
    {
        return backup;
    }

    public int backupChanges()
    {
        return backupChanges;
    }

    public InterfaceClass interfaceClass()
    {
        return interfaceClass;
    }

    /** @return time of the subflow's first SYN, or {@link Long#MIN_VALUE}. */
    public long synTime()
    {
        return synTime;
    }

    /** @return data bytes of new mappings this subflow carried, direction 0 client to server. */
    public long mappedBytes(final int direction)
    {
        return mappedBytes[direction];
    }

    /** @return mappings first sent here and sent again on another subflow. */
    public long reinjectionsOriginated()
    {
        return reinjectionsOriginated;
    }

    /** @return mappings this subflow carried that another subflow had sent first. */
    public long reinjectionsReceived()
    {
        return reinjectionsReceived;
    }

    public boolean established()
    {
        return established;
    }

    public SubflowFailure failure()
    {
        return failure;
    }

    /** @return the MP_TCPRST reason code that reset it, or -1. */
    public int tcpRstReason()
    {
        return tcpRstReason;
    }

    public int ipVersion()
    {
        return ipVersion;
    }

    public long clientHigh()
    {
        return clientHigh;
    }

    public long clientLow()
    {
        return clientLow;
    }

    public int clientPort()
    {
        return clientPort;
    }

    public long serverHigh()
    {
        return serverHigh;
    }

    public long serverLow()
    {
        return serverLow;
    }

    public int serverPort()
    {
        return serverPort;
    }
}
