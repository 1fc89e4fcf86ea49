package org.mptcpstat.flowtable.mptcp;

import java.io.IOException;

/** Tells two listeners everything the MPTCP tracker reports, the first one first. */
public final class MptcpListenerTee implements MptcpListener
{
    private final MptcpListener first;
    private final MptcpListener second;

    public MptcpListenerTee(final MptcpListener first, final MptcpListener second)
    {
        this.first = first;
        this.second = second;
    }

    @Override
    public void onConnectionStarted(final MptcpConnection connection) throws IOException
    {
        first.onConnectionStarted(connection);
        second.onConnectionStarted(connection);
    }

    @Override
    public void onConnectionFinished(final MptcpConnection connection) throws IOException
    {
        first.onConnectionFinished(connection);
        second.onConnectionFinished(connection);
    }

    @Override
    public void onEvent(final MptcpConnection connection, final int subflow, final int direction, final long timeNanos,
        final MptcpEventType type, final int addressId, final int ipVersion, final long addressHigh,
        final long addressLow, final int port, final int flag, final long value) throws IOException
    {
        first.onEvent(connection, subflow, direction, timeNanos, type, addressId, ipVersion, addressHigh, addressLow,
            port, flag, value);
        second.onEvent(connection, subflow, direction, timeNanos, type, addressId, ipVersion, addressHigh, addressLow,
            port, flag, value);
    }

    @Override
    public void onReinjection(final MptcpConnection connection, final int direction, final long timeNanos,
        final long dsn, final long length, final int originalSubflow, final int newSubflow, final long delayNanos)
        throws IOException
    {
        first.onReinjection(connection, direction, timeNanos, dsn, length, originalSubflow, newSubflow, delayNanos);
        second.onReinjection(connection, direction, timeNanos, dsn, length, originalSubflow, newSubflow, delayNanos);
    }

    @Override
    public void onBurst(final MptcpConnection connection, final int direction, final int subflow,
        final long startNanos, final long durationNanos, final long bytes, final long packets) throws IOException
    {
        first.onBurst(connection, direction, subflow, startNanos, durationNanos, bytes, packets);
        second.onBurst(connection, direction, subflow, startNanos, durationNanos, bytes, packets);
    }

    @Override
    public void onMapping(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long dsn, final long ssn, final long length, final boolean dataFin,
        final boolean repeated) throws IOException
    {
        first.onMapping(connection, subflow, direction, timeNanos, dsn, ssn, length, dataFin, repeated);
        second.onMapping(connection, subflow, direction, timeNanos, dsn, ssn, length, dataFin, repeated);
    }

    @Override
    public void onData(final MptcpConnection connection, final int subflow, final int direction, final long timeNanos,
        final long start, final long end, final long reinjectedBytes) throws IOException
    {
        first.onData(connection, subflow, direction, timeNanos, start, end, reinjectedBytes);
        second.onData(connection, subflow, direction, timeNanos, start, end, reinjectedBytes);
    }

    @Override
    public void onDataAck(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long dataAck, final long rttMicros) throws IOException
    {
        first.onDataAck(connection, subflow, direction, timeNanos, dataAck, rttMicros);
        second.onDataAck(connection, subflow, direction, timeNanos, dataAck, rttMicros);
    }
}
