package org.mptcpstat.cli.compat.mptcptrace;

import org.agrona.collections.Long2LongHashMap;
import org.mptcpstat.flowtable.SubflowField;
import org.mptcpstat.flowtable.TcpConnection;
import org.mptcpstat.flowtable.TcpDirectionField;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;

/**
 * What the TCP tracker saw of each subflow's handshake that mptcptrace's files show: the window
 * scales the SYN and the SYN/ACK announced, and when the third ACK came. A subflow's TCP
 * connection ends before its MPTCP connection does: this keeps them in between, by conn_id.
 */
final class SubflowHandshakes
{
    /** Also the TCP tracker's value for a time not seen. */
    static final long NOT_SEEN = Long.MIN_VALUE;
    private static final int SCALE_BITS = 8;
    private static final long SCALE_MASK = (1 << SCALE_BITS) - 1;

    /** The SYN's scale in the high byte, the SYN/ACK's in the low one; absent: no scales (the map keeps no 0s). */
    private final Long2LongHashMap windowScales = new Long2LongHashMap(0);
    /** Absent: not seen (the map keeps no {@link #NOT_SEEN}). */
    private final Long2LongHashMap thirdAckTimes = new Long2LongHashMap(NOT_SEEN);

    /** A TCP connection ended: keeps its handshake when it is a subflow. */
    void record(final TcpConnection tcp)
    {
        if (tcp.get(SubflowField.MPTCP_SLOT) == 0)
        {
            return;
        }
        final int client = tcp.clientDirection();
        final long scales = announcedScale(tcp, client) << SCALE_BITS | announcedScale(tcp, 1 - client);
        if (scales != 0)
        {
            windowScales.put(tcp.connId(), scales);
        }
        if (tcp.handshakeAckTime() != NOT_SEEN)
        {
            thirdAckTimes.put(tcp.connId(), tcp.handshakeAckTime());
        }
    }

    /** @return the scale, or 0 when none was announced: mptcptrace prints both as 0. */
    private static long announcedScale(final TcpConnection tcp, final int direction)
    {
        return Math.max(0, tcp.get(direction, TcpDirectionField.WINDOW_SCALE)) & SCALE_MASK;
    }

    /** @return the window scale of the subflow's SYN, 0 when none. */
    int synWindowScale(final long connId)
    {
        return (int)(windowScales.get(connId) >>> SCALE_BITS);
    }

    /** @return the window scale of the subflow's SYN/ACK, 0 when none or not seen. */
    int synAckWindowScale(final long connId)
    {
        return (int)(windowScales.get(connId) & SCALE_MASK);
    }

    /** @return when the subflow's third ACK came, or {@link #NOT_SEEN}. */
    long thirdAckTime(final long connId)
    {
        return thirdAckTimes.get(connId);
    }

    /** The connection is written: its subflows' handshakes are needed no more. */
    void forget(final MptcpConnection connection)
    {
        for (int i = 0; i < connection.subflowCount(); i++)
        {
            windowScales.remove(connection.subflow(i).connId());
            thirdAckTimes.remove(connection.subflow(i).connId());
        }
    }
}
