package org.mptcpstat.api;

import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.RetransmissionClass;
import org.mptcpstat.flowtable.TcpConnection;
import org.mptcpstat.flowtable.TcpConnectionListener;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpEventType;
import org.mptcpstat.flowtable.mptcp.MptcpListener;

import java.io.IOException;

/**
 * The caller's listeners as the workers of a parallel analysis call them: one call at a time,
 * under one lock for both, since a listener (a compat output) may be both and keep state across
 * calls. Each connection's calls still come in capture order, from the worker that tracks it.
 */
final class SerializedListeners implements TcpConnectionListener, MptcpListener
{
    private final Object lock = new Object();
    private final TcpConnectionListener tcp;
    private final MptcpListener mptcp;

    /** @param tcp and {@code mptcp}: the caller's listeners; only a non-null one is ever called. */
    SerializedListeners(final TcpConnectionListener tcp, final MptcpListener mptcp)
    {
        this.tcp = tcp;
        this.mptcp = mptcp;
    }

    /** @return what to tell of TCP connections, or null when the caller listens to none. */
    TcpConnectionListener tcpOrNull()
    {
        return tcp == null ? null : this;
    }

    /** @return what to tell of MPTCP connections, or null when the caller listens to none. */
    MptcpListener mptcpOrNull()
    {
        return mptcp == null ? null : this;
    }

    @Override
    public void onConnectionFinished(final TcpConnection connection, final ConnectionExtras extras) throws IOException
    {
        synchronized (lock)
        {
            tcp.onConnectionFinished(connection, extras);
        }
    }

    @Override
    public void onRetransmission(final TcpConnection connection, final int direction, final long timeNanos,
        final long sequenceNumber, final long bytes, final RetransmissionClass retransmissionClass,
        final long sinceFirstNanos, final long sincePreviousNanos, final long sinceLastPacketNanos) throws IOException
    {
        synchronized (lock)
        {
            tcp.onRetransmission(connection, direction, timeNanos, sequenceNumber, bytes, retransmissionClass,
                sinceFirstNanos, sincePreviousNanos, sinceLastPacketNanos);
        }
    }

    @Override
    public void onConnectionStarted(final MptcpConnection connection) throws IOException
    {
        synchronized (lock)
        {
            mptcp.onConnectionStarted(connection);
        }
    }

    @Override
    public void onConnectionFinished(final MptcpConnection connection) throws IOException
    {
        synchronized (lock)
        {
            mptcp.onConnectionFinished(connection);
        }
    }

    @Override
    public void onEvent(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final MptcpEventType type, final int addressId, final int ipVersion,
        final long addressHigh, final long addressLow, final int port, final int flag, final long value)
        throws IOException
    {
        synchronized (lock)
        {
            mptcp.onEvent(connection, subflow, direction, timeNanos, type, addressId, ipVersion, addressHigh,
                addressLow, port, flag, value);
        }
    }

    @Override
    public void onReinjection(final MptcpConnection connection, final int direction, final long timeNanos,
        final long dsn, final long length, final int originalSubflow, final int newSubflow, final long delayNanos)
        throws IOException
    {
        synchronized (lock)
        {
            mptcp.onReinjection(connection, direction, timeNanos, dsn, length, originalSubflow, newSubflow, delayNanos);
        }
    }

    @Override
    public void onBurst(final MptcpConnection connection, final int direction, final int subflow,
        final long startNanos, final long durationNanos, final long bytes, final long packets) throws IOException
    {
        synchronized (lock)
        {
            mptcp.onBurst(connection, direction, subflow, startNanos, durationNanos, bytes, packets);
        }
    }

    @Override
    public void onMapping(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long dsn, final long ssn, final long length, final boolean dataFin,
        final boolean repeated) throws IOException
    {
        synchronized (lock)
        {
            mptcp.onMapping(connection, subflow, direction, timeNanos, dsn, ssn, length, dataFin, repeated);
        }
    }

    @Override
    public void onData(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long start, final long end, final long reinjectedBytes) throws IOException
    {
        synchronized (lock)
        {
            mptcp.onData(connection, subflow, direction, timeNanos, start, end, reinjectedBytes);
        }
    }

    @Override
    public void onDataAck(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long dataAck, final long rttMicros) throws IOException
    {
        synchronized (lock)
        {
            mptcp.onDataAck(connection, subflow, direction, timeNanos, dataAck, rttMicros);
        }
    }
}
