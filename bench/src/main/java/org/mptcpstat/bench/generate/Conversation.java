package org.mptcpstat.bench.generate;

import org.mptcpstat.flowtable.mptcp.MptcpEventType;

import java.util.Arrays;

/**
 * One generated conversation: a plain TCP connection, or an MPTCP connection with its subflows.
 * Holds what planners decided (addresses, ISNs, keys, timing), the {@link PacketScript} of its
 * packets, and its ground truth as it accumulates. One instance per lane, reused conversation
 * after conversation.
 */
final class Conversation
{
    static final int MAX_SUBFLOWS = 4;
    static final int WIFI = 0;
    static final int CELLULAR = 1;
    static final int MAX_EVENTS = 16;

    private static final int TCP_COLUMNS = TcpTruthColumn.ALL.length;
    private static final int DATA_COLUMNS = DataLevelTruthColumn.ALL.length;

    final PacketScript script = new PacketScript();

    /** The conversation's place among all conversations of the capture, from 0. */
    long number;
    boolean mptcp;
    int mss;

    // Per subflow; subflow 0 is the initial one.
    int subflows;
    final int[] clientAddress = new int[MAX_SUBFLOWS];
    final int[] serverAddress = new int[MAX_SUBFLOWS];
    final int[] clientPort = new int[MAX_SUBFLOWS];
    final int[] serverPort = new int[MAX_SUBFLOWS];
    final long[] clientIsn = new long[MAX_SUBFLOWS];
    final long[] serverIsn = new long[MAX_SUBFLOWS];
    /** Capture point to client and to server, one way. */
    final long[] clientDelayNanos = new long[MAX_SUBFLOWS];
    final long[] serverDelayNanos = new long[MAX_SUBFLOWS];
    final int[] interfaceClass = new int[MAX_SUBFLOWS];
    /** Next relative sequence number each side sends, index {@code subflow * 2 + direction}. */
    final long[] nextSeq = new long[MAX_SUBFLOWS * 2];
    final boolean[] endedByRst = new boolean[MAX_SUBFLOWS];
    /** Longest time from data to its ACK so far, index {@code subflow * 2 + direction of the data}. */
    final long[] longestRttNanos = new long[MAX_SUBFLOWS * 2];
    /** conn_id, given when the subflow's first packet is written; -1 before. */
    final long[] connId = new long[MAX_SUBFLOWS];

    // MPTCP identity.
    int version;
    long clientKey;
    long serverKey;
    int clientToken;
    int serverToken;
    final long[] idsn = new long[2];
    boolean longDsn;
    boolean longDataAck;
    final int[] addressId = new int[MAX_SUBFLOWS];
    final boolean[] backupAtJoin = new boolean[MAX_SUBFLOWS];
    final boolean[] backupAtEnd = new boolean[MAX_SUBFLOWS];
    final int[] backupChanges = new int[MAX_SUBFLOWS];
    final int[] clientRandom = new int[MAX_SUBFLOWS];
    final int[] serverRandom = new int[MAX_SUBFLOWS];
    /** The server address ADD_ADDR announces, with address ID 1. */
    int announcedAddress;
    /** Next data sequence number per direction, and the highest DATA_ACK sent for each. */
    final long[] nextDsn = new long[2];
    final long[] dataAcked = new long[2];
    boolean fastclose;
    /** mptcp_id, given when the conversation's first packet is written; -1 before. */
    long mptcpId;

    // Ground truth.
    final long[] tcpTruth = new long[MAX_SUBFLOWS * 2 * TCP_COLUMNS];
    final long[] dataTruth = new long[2 * DATA_COLUMNS];
    final long[] mappedBytes = new long[MAX_SUBFLOWS * 2];
    final long[] reinjectionsOriginated = new long[MAX_SUBFLOWS];
    final long[] reinjectionsReceived = new long[MAX_SUBFLOWS];
    int events;
    final MptcpEventType[] eventType = new MptcpEventType[MAX_EVENTS];
    final int[] eventSubflow = new int[MAX_EVENTS];
    final int[] eventDirection = new int[MAX_EVENTS];
    final int[] eventAddressId = new int[MAX_EVENTS];
    /** IPv4 address of an ADD_ADDR event, 0 for none. */
    final int[] eventAddress = new int[MAX_EVENTS];
    final int[] eventFlag = new int[MAX_EVENTS];

    void reset(final long conversationNumber)
    {
        number = conversationNumber;
        mptcp = false;
        subflows = 0;
        script.clear();
        Arrays.fill(nextSeq, 0);
        Arrays.fill(endedByRst, false);
        Arrays.fill(longestRttNanos, 0);
        Arrays.fill(connId, -1);
        Arrays.fill(addressId, 0);
        Arrays.fill(backupAtJoin, false);
        Arrays.fill(backupAtEnd, false);
        Arrays.fill(backupChanges, 0);
        fastclose = false;
        mptcpId = -1;
        Arrays.fill(tcpTruth, 0);
        Arrays.fill(dataTruth, 0);
        Arrays.fill(mappedBytes, 0);
        Arrays.fill(reinjectionsOriginated, 0);
        Arrays.fill(reinjectionsReceived, 0);
        events = 0;
    }

    /** Adds a subflow between two endpoints; @return its number. */
    int addSubflow(final int interfaceOfClient, final int client, final int clientTcpPort, final int server,
        final int serverTcpPort)
    {
        final int sf = subflows++;
        interfaceClass[sf] = interfaceOfClient;
        clientAddress[sf] = client;
        clientPort[sf] = clientTcpPort;
        serverAddress[sf] = server;
        serverPort[sf] = serverTcpPort;
        return sf;
    }

    void addTcp(final int subflow, final int direction, final TcpTruthColumn column, final long value)
    {
        tcpTruth[(subflow * 2 + direction) * TCP_COLUMNS + column.ordinal()] += value;
    }

    long tcp(final int subflow, final int direction, final TcpTruthColumn column)
    {
        return tcpTruth[(subflow * 2 + direction) * TCP_COLUMNS + column.ordinal()];
    }

    void addData(final int direction, final DataLevelTruthColumn column, final long value)
    {
        dataTruth[direction * DATA_COLUMNS + column.ordinal()] += value;
    }

    long data(final int direction, final DataLevelTruthColumn column)
    {
        return dataTruth[direction * DATA_COLUMNS + column.ordinal()];
    }

    void addEvent(final MptcpEventType type, final int subflow, final int direction, final int eventAddressIdOrNone,
        final int ipv4AddressOrZero, final int flag)
    {
        final int e = events++;
        eventType[e] = type;
        eventSubflow[e] = subflow;
        eventDirection[e] = direction;
        eventAddressId[e] = eventAddressIdOrNone;
        eventAddress[e] = ipv4AddressOrZero;
        eventFlag[e] = flag;
    }

    /**
     * @return the subflow's number as the analyzer gives it: its place among the conversation's
     * subflows in order of first packet (valid once every subflow's first packet is written).
     */
    int subflowNumber(final int subflow)
    {
        int number = 0;
        for (int other = 0; other < subflows; other++)
        {
            number += connId[other] < connId[subflow] ? 1 : 0;
        }
        return number;
    }

    /** @return the relative sequence number a side sends next on a subflow. */
    long next(final int subflow, final int direction)
    {
        return nextSeq[subflow * 2 + direction];
    }

    void advance(final int subflow, final int direction, final long by)
    {
        nextSeq[subflow * 2 + direction] += by;
    }

    /** @return capture time from a packet sent in {@code direction} to its receiver's reply. */
    long replyDelay(final int subflow, final int direction)
    {
        return 2 * (direction == PacketScript.C2S ? serverDelayNanos[subflow] : clientDelayNanos[subflow]);
    }
}
