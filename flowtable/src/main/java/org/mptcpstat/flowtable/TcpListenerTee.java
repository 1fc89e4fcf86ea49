package org.mptcpstat.flowtable;

import java.io.IOException;

/** Tells two listeners everything the TCP tracker reports, the first one first. */
public final class TcpListenerTee implements TcpConnectionListener
{
    private final TcpConnectionListener first;
    private final TcpConnectionListener second;

    public TcpListenerTee(final TcpConnectionListener first, final TcpConnectionListener second)
    {
        this.first = first;
        this.second = second;
    }

    @Override
    public void onCaptureStart(final long firstPacketNanos) throws IOException
    {
        first.onCaptureStart(firstPacketNanos);
        second.onCaptureStart(firstPacketNanos);
    }

    @Override
    public void onConnectionFinished(final TcpConnection connection, final ConnectionExtras extras) throws IOException
    {
        first.onConnectionFinished(connection, extras);
        second.onConnectionFinished(connection, extras);
    }

    @Override
    public void onRetransmission(final TcpConnection connection, final int direction, final long timeNanos,
        final long sequenceNumber, final long bytes, final RetransmissionClass retransmissionClass,
        final long sinceFirstNanos, final long sincePreviousNanos, final long sinceLastPacketNanos) throws IOException
    {
        first.onRetransmission(connection, direction, timeNanos, sequenceNumber, bytes, retransmissionClass,
            sinceFirstNanos, sincePreviousNanos, sinceLastPacketNanos);
        second.onRetransmission(connection, direction, timeNanos, sequenceNumber, bytes, retransmissionClass,
            sinceFirstNanos, sincePreviousNanos, sinceLastPacketNanos);
    }
}
