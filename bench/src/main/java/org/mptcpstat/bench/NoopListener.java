package org.mptcpstat.bench;

import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.RetransmissionClass;
import org.mptcpstat.flowtable.TcpConnection;
import org.mptcpstat.flowtable.TcpConnectionListener;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpEventType;
import org.mptcpstat.flowtable.mptcp.MptcpListener;

/**
 * Writes no table: counts what the TCP and MPTCP trackers report, so the calls cannot be
 * optimised away.
 */
final class NoopListener implements TcpConnectionListener, MptcpListener
{
    long finished;
    long retransmissions;
    long mptcpFinished;
    long mptcpEvents;

    @Override
    public void onConnectionFinished(final TcpConnection connection, final ConnectionExtras extras)
    {
        finished++;
    }

    @Override
    public void onRetransmission(
        final TcpConnection connection, final int direction, final long timeNanos, final long sequenceNumber,
        final long bytes, final RetransmissionClass retransmissionClass, final long sinceFirstNanos,
        final long sincePreviousNanos, final long sinceLastPacketNanos)
    {
        retransmissions++;
    }

    @Override
    public void onConnectionFinished(final MptcpConnection connection)
    {
        mptcpFinished++;
    }

    @Override
    public void onEvent(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final MptcpEventType type, final int addressId, final int ipVersion,
        final long addressHigh, final long addressLow, final int port, final int flag, final long value)
    {
        mptcpEvents++;
    }

    @Override
    public void onReinjection(final MptcpConnection connection, final int direction, final long timeNanos,
        final long dsn, final long length, final int originalSubflow, final int newSubflow, final long delayNanos)
    {
        mptcpEvents++;
    }

    @Override
    public void onBurst(final MptcpConnection connection, final int direction, final int subflow,
        final long startNanos, final long durationNanos, final long bytes, final long packets)
    {
        mptcpEvents++;
    }
}
