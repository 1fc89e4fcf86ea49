package org.mptcpstat.cli.compat.mptcptrace;

import org.agrona.collections.Long2ObjectHashMap;
import org.mptcpstat.cli.compat.CompatOutput;
import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.TcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpEndReason;
import org.mptcpstat.flowtable.mptcp.MptcpEventType;
import org.mptcpstat.flowtable.mptcp.Subflow;
import org.mptcpstat.flowtable.mptcp.SubflowFailure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * The files of {@code mptcptrace -f CAPTURE -s -S -a -A -R -r 2 -t 5000 -w 2} for one capture
 * (docs/COMPAT.md, section mptcptrace), made from what the trackers report, so right for MPTCP v1
 * too: tokens and IDSNs of SHA-256 keys, 8-byte DSNs.
 * <p>
 * Connections are numbered as mptcptrace numbers them, 0 up in the order their MP_CAPABLE
 * started them; those whose handshake the capture missed have no number and no files, as in
 * mptcptrace. Per-packet rows go to each connection's files as they come; a connection's other
 * files are written when it ends, and all of them are moved into the output folder at commit.
 */
public final class MptcptraceOutput implements CompatOutput
{
    private final StagingFolder staging;
    private final Long2ObjectHashMap<TracedConnection> connections = new Long2ObjectHashMap<>();
    /** Connections written, kept for the next ones: their buffers and mapping lists are reused. */
    private final ArrayDeque<TracedConnection> reusable = new ArrayDeque<>();
    private final SubflowHandshakes handshakes = new SubflowHandshakes();
    private final CaptureCounters counters = new CaptureCounters();
    private final ConnectionStats stats;
    private final ConnectionList connectionList;
    private int nextNumber;

    /** @param outputFolder the capture's output folder; it exists. */
    public MptcptraceOutput(final Path capture, final Path outputFolder) throws IOException
    {
        staging = new StagingFolder(outputFolder);
        stats = new ConnectionStats(capture);
        connectionList = new ConnectionList(staging);
    }

    @Override
    public void onConnectionStarted(final MptcpConnection connection)
    {
        if (!connection.subflow(0).initial())
        {
            return;
        }
        final TracedConnection traced = reusable.isEmpty() ? new TracedConnection() : reusable.poll();
        traced.start(nextNumber++, staging);
        connections.put(connection.id(), traced);
    }

    @Override
    public void onMapping(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long dsn, final long ssn, final long length, final boolean dataFin,
        final boolean repeated) throws IOException
    {
        final TracedConnection traced = followed(connection);
        if (traced != null && traced.onMapping(subflow, direction, timeNanos, dsn, length, dataFin))
        {
            closeFinished(traced);
        }
    }

    @Override
    public void onData(final MptcpConnection connection, final int subflow, final int direction, final long timeNanos,
        final long start, final long end, final long reinjectedBytes)
    {
        final TracedConnection traced = followed(connection);
        if (traced != null)
        {
            traced.onData(subflow, direction, timeNanos, start);
        }
    }

    @Override
    public void onDataAck(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long dataAck, final long rttMicros) throws IOException
    {
        final TracedConnection traced = followed(connection);
        if (traced != null && traced.onDataAck(subflow, direction, timeNanos, dataAck))
        {
            closeFinished(traced);
        }
    }

    private void closeFinished(final TracedConnection traced) throws IOException
    {
        counters.add(CaptureCounter.FINISHED_CONNECTIONS, 0, 1);
        traced.close();
    }

    @Override
    public void onEvent(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final MptcpEventType type, final int addressId, final int ipVersion,
        final long addressHigh, final long addressLow, final int port, final int flag, final long value)
        throws IOException
    {
        if (type == MptcpEventType.MP_FASTCLOSE)
        {
            counters.add(CaptureCounter.FASTCLOSES_SEEN, direction, 1);
        }
        final TracedConnection traced = followed(connection);
        if (traced == null)
        {
            return;
        }
        switch (type)
        {
            case ADD_ADDR -> traced.onAddAddress(direction, ipVersion, addressHigh, addressLow);
            case REMOVE_ADDR -> traced.onRemoveAddress(direction, addressId);
            case MP_FASTCLOSE ->
            {
                counters.add(CaptureCounter.FASTCLOSED_CONNECTIONS, direction, 1);
                traced.close();
            }
            default ->
            {
                // mptcptrace writes nothing of the other signals.
            }
        }
    }

    /** @return the connection's numbered state while mptcptrace would still follow it, else null. */
    private TracedConnection followed(final MptcpConnection connection)
    {
        final TracedConnection traced = connections.get(connection.id());
        return traced != null && traced.open() ? traced : null;
    }

    @Override
    public void onConnectionFinished(final TcpConnection connection, final ConnectionExtras extras)
    {
        handshakes.record(connection);
    }

    @Override
    public void onConnectionFinished(final MptcpConnection connection) throws IOException
    {
        final TracedConnection traced = connections.remove(connection.id());
        if (traced == null)
        {
            countFailedJoins(connection);
        }
        else
        {
            if (traced.open())
            {
                if (connection.endReason() == MptcpEndReason.TIMEOUT)
                {
                    counters.add(CaptureCounter.TIMED_OUT_CONNECTIONS, 0, 1);
                }
                traced.close();
            }
            count(connection);
            stats.write(connection, traced, handshakes, staging);
            connectionList.write(connection, traced.number(), handshakes);
            reusable.add(traced);
        }
        handshakes.forget(connection);
    }

    /** Joins whose token named no connection make connections without a number, as mptcptrace's joinFailed. */
    private void countFailedJoins(final MptcpConnection connection)
    {
        for (int i = 0; i < connection.subflowCount(); i++)
        {
            if (connection.subflow(i).failure() == SubflowFailure.UNKNOWN_TOKEN)
            {
                counters.add(CaptureCounter.FAILED_JOINS, 0, 1);
            }
        }
    }

    private void count(final MptcpConnection connection)
    {
        if (connection.serverKeyKnown())
        {
            counters.add(CaptureCounter.CONNECTIONS, 0, 1);
        }
        counters.add(CaptureCounter.SUBFLOWS, 0, connection.subflowCount());
        counters.add(CaptureCounter.JOIN_HMAC_FAILURES, 0, connection.hmacFailures());
        for (int i = 1; i < connection.subflowCount(); i++)
        {
            // mptcptrace's guess that a join was refused: its SYN announced a window scale, no SYN/ACK did.
            final Subflow join = connection.subflow(i);
            if (handshakes.synWindowScale(join.connId()) != 0 && handshakes.synAckWindowScale(join.connId()) == 0)
            {
                counters.add(CaptureCounter.JOINS_SUSPECTED_REJECTED, 0, 1);
            }
        }
    }

    @Override
    public void commit() throws IOException
    {
        counters.write(staging.file(FileNames.CAPTURE_COUNTERS));
        connectionList.close();
        staging.commit(FileNames::isConnectionFile);
    }

    @Override
    public void abort()
    {
        connections.values().forEach(TracedConnection::abandon);
        connectionList.abandon();
        staging.abort();
    }
}
