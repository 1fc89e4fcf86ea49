package org.mptcpstat.cli.compat.mptcptrace;

import java.io.IOException;
import java.util.Arrays;

/**
 * One MPTCP connection as mptcptrace numbers and follows it: from its MP_CAPABLE until
 * mptcptrace would close it, at its first MP_FASTCLOSE, once both DATA_FINs are acknowledged, or
 * when the trackers end it; what comes after is not its. The per-packet files are written as
 * the signals come. Reused for another connection after {@link #start}.
 */
final class TracedConnection
{
    /** Direction 0: the client's data (c2s), 1: the server's (s2c). */
    private final TracedDirection[] directions = { new TracedDirection(true), new TracedDirection(false) };
    private final RowFile addedAddresses = new RowFile();
    private final RowFile removedAddresses = new RowFile();
    /** Bytes of the mappings each subflow sent, at {@code 2 * subflow + direction}. */
    private long[] mappedBytes = new long[8];
    private int number;
    private boolean open;
    /** The last DATA_ACK's time and subflow: a mapping of the same time and subflow is of its DSS option. */
    private long dataAckTime;
    private int dataAckSubflow;
    /**
     * The last mapping, until its packet's data tells whether it is a transmission of the mapping
     * (the data starts at its DSN) or repeats it on a later segment of one (Linux's MPTCP v1 repeats
     * the mapping in every segment): mptcptrace's counts are of transmissions.
     */
    private boolean mappingUncounted;
    private int uncountedSubflow;
    private int uncountedDirection;
    private long uncountedTime;
    private long uncountedDsn;
    private long uncountedLength;
    private int uncountedOrigin;

    /** Starts following connection {@code number}, whose files go to {@code folder}. */
    void start(final int number, final StagingFolder folder)
    {
        this.number = number;
        open = true;
        dataAckSubflow = -1;
        mappingUncounted = false;
        Arrays.fill(mappedBytes, 0);
        for (int direction = 0; direction < directions.length; direction++)
        {
            final TracedDirection traced = directions[direction];
            traced.reset();
            traced.sequence.name(folder.file(FileNames.sequence(direction, number)));
            traced.ackSizes.name(folder.file(FileNames.ackSizes(direction, number)));
            traced.roundTripTimes.name(folder.file(FileNames.roundTripTimes(direction, number)));
            if (traced.reinjectedMappings != null)
            {
                traced.reinjectedMappings.name(folder.file(FileNames.reinjectedMappings(number)), "id,n");
            }
        }
        addedAddresses.name(folder.file(FileNames.addedAddresses(number)));
        removedAddresses.name(folder.file(FileNames.removedAddresses(number)));
    }

    int number()
    {
        return number;
    }

    /** @return whether mptcptrace would still follow it: signals count only then. */
    boolean open()
    {
        return open;
    }

    TracedDirection direction(final int direction)
    {
        return directions[direction];
    }

    /**
     * A DSS mapping; {@code direction} 0 for the client's data.
     *
     * @return whether this finishes the connection: with the DATA_ACK of its own DSS option, both
     * DATA_FINs are now acknowledged (mptcptrace looks at the mapping of an option before its DATA_ACK).
     */
    boolean onMapping(final int subflow, final int direction, final long timeNanos, final long dsn,
        final long length, final boolean dataFin) throws IOException
    {
        countUncountedMapping();
        mappingUncounted = true;
        uncountedSubflow = subflow;
        uncountedDirection = direction;
        uncountedTime = timeNanos;
        uncountedDsn = dsn;
        uncountedLength = length;
        uncountedOrigin = directions[direction].onMapping(subflow, timeNanos, dsn, length, dataFin);
        return dataFin && timeNanos == dataAckTime && subflow == dataAckSubflow && dataFinsAcknowledged();
    }

    /** A packet's data, from data sequence number {@code start}: settles the packet's mapping, if any. */
    void onData(final int subflow, final int direction, final long timeNanos, final long start)
    {
        if (mappingUncounted && subflow == uncountedSubflow && direction == uncountedDirection &&
            timeNanos == uncountedTime)
        {
            mappingUncounted = false;
            if (start == uncountedDsn)
            {
                countMapping();
            }
        }
    }

    /** Counts the last mapping when no data came to settle it (a DATA_FIN alone, data outside it). */
    private void countUncountedMapping()
    {
        if (mappingUncounted)
        {
            mappingUncounted = false;
            countMapping();
        }
    }

    private void countMapping()
    {
        directions[uncountedDirection].countTransmission(uncountedLength, uncountedOrigin);
        final int index = 2 * uncountedSubflow + uncountedDirection;
        if (index >= mappedBytes.length)
        {
            mappedBytes = Arrays.copyOf(mappedBytes, 2 * index);
        }
        mappedBytes[index] += uncountedLength;
    }

    /**
     * A DATA_ACK of direction {@code direction}'s data.
     *
     * @return whether this finishes the connection: both DATA_FINs are now acknowledged.
     */
    boolean onDataAck(final int subflow, final int direction, final long timeNanos, final long dataAck)
        throws IOException
    {
        directions[direction].onDataAck(subflow, timeNanos, dataAck);
        dataAckTime = timeNanos;
        dataAckSubflow = subflow;
        return dataFinsAcknowledged();
    }

    private boolean dataFinsAcknowledged()
    {
        return directions[0].dataFinAcknowledged() && directions[1].dataFinAcknowledged();
    }

    /** An ADD_ADDR, echoes included; {@code sender} 0 when the client sent it. */
    void onAddAddress(final int sender, final int ipVersion, final long addressHigh, final long addressLow)
        throws IOException
    {
        addedAddresses.rows().putLong(way(sender)).putByte(',').putIpAddress(ipVersion, addressHigh, addressLow)
            .endLine();
    }

    /** One address ID of a REMOVE_ADDR; {@code sender} 0 when the client sent it. */
    void onRemoveAddress(final int sender, final int addressId) throws IOException
    {
        removedAddresses.rows().putLong(way(sender)).putByte(',').putLong(addressId).endLine();
    }

    /** @return mptcptrace's number of a sender: 1 for the client, 0 for the server. */
    private static int way(final int sender)
    {
        return 1 - sender;
    }

    /** @return bytes of the mappings (DATA_FINs counted) that {@code subflow} sent in {@code direction}. */
    long mappedBytes(final int subflow, final int direction)
    {
        final int index = 2 * subflow + direction;
        return index < mappedBytes.length ? mappedBytes[index] : 0;
    }

    /** mptcptrace closes it here: later signals are not its; its per-packet files are complete. */
    void close() throws IOException
    {
        countUncountedMapping();
        open = false;
        for (final TracedDirection direction : directions)
        {
            direction.close();
        }
        addedAddresses.close();
        removedAddresses.close();
    }

    /** Closes its files without writing out their rows: the analysis was aborted. */
    void abandon()
    {
        open = false;
        for (final TracedDirection direction : directions)
        {
            direction.abandon();
        }
        addedAddresses.abandon();
        removedAddresses.abandon();
    }
}
