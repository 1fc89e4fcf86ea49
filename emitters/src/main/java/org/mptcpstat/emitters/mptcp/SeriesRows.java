package org.mptcpstat.emitters.mptcp;

import java.util.Arrays;

/**
 * The {@code mptcp_series} rows of one MPTCP connection, kept in growable primitive arrays (28
 * bytes a row) until the connection finishes: only then are its size, IDSNs and subflows known.
 * At most {@code maxRows} are kept; later rows are dropped and the series is marked truncated.
 * Reused for connection after connection: {@link #clear()} keeps the grown arrays.
 */
final class SeriesRows
{
    static final int DATA = 0;
    static final int DATA_ACK = 1;

    private static final int INITIAL_CAPACITY = 64;
    // Each row's small fields share one int: kind (bit 0), direction (bit 1), subflow (the bits above).
    private static final int DIRECTION_SHIFT = 1;
    private static final int SUBFLOW_SHIFT = 2;

    private final int maxRows;
    private long[] times;
    private long[] dsns;
    private int[] lengths;
    private int[] reinjectedBytes;
    private int[] fields;
    private int size;
    private boolean truncated;
    /** By direction of the acknowledged data: only DATA_ACKs that acknowledge new data become rows. */
    private final long[] highestDataAck = new long[2];
    private final boolean[] dataAckSeen = new boolean[2];

    SeriesRows(final int maxRows)
    {
        this.maxRows = maxRows;
        final int capacity = Math.min(INITIAL_CAPACITY, maxRows);
        times = new long[capacity];
        dsns = new long[capacity];
        lengths = new int[capacity];
        reinjectedBytes = new int[capacity];
        fields = new int[capacity];
    }

    /** A packet's payload, data sequence numbers {@code start} to {@code end} (exclusive). */
    void addData(final int subflow, final int direction, final long time, final long start, final long end,
        final long reinjected)
    {
        add(subflow, DATA, direction, time, start, (int)(end - start), (int)reinjected);
    }

    /** A DATA_ACK; kept only when it acknowledges data its direction's earlier ones did not. */
    void addDataAck(final int subflow, final int direction, final long time, final long dataAck)
    {
        if (dataAckSeen[direction] && dataAck - highestDataAck[direction] <= 0)
        {
            return;
        }
        dataAckSeen[direction] = true;
        highestDataAck[direction] = dataAck;
        add(subflow, DATA_ACK, direction, time, dataAck, 0, 0);
    }

    private void add(final int subflow, final int kind, final int direction, final long time,
        final long dsn, final int length, final int reinjected)
    {
        if (size == times.length && !grow())
        {
            truncated = true;
            return;
        }
        times[size] = time;
        dsns[size] = dsn;
        lengths[size] = length;
        reinjectedBytes[size] = reinjected;
        fields[size] = subflow << SUBFLOW_SHIFT | direction << DIRECTION_SHIFT | kind;
        size++;
    }

    /** @return false when the arrays already hold {@code maxRows}. */
    private boolean grow()
    {
        if (times.length >= maxRows)
        {
            return false;
        }
        final int capacity = (int)Math.min(maxRows, 2L * times.length);
        times = Arrays.copyOf(times, capacity);
        dsns = Arrays.copyOf(dsns, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
        reinjectedBytes = Arrays.copyOf(reinjectedBytes, capacity);
        fields = Arrays.copyOf(fields, capacity);
        return true;
    }

    void clear()
    {
        size = 0;
        truncated = false;
        dataAckSeen[0] = false;
        dataAckSeen[1] = false;
    }

    int size()
    {
        return size;
    }

    /** @return whether rows were dropped for want of room. */
    boolean truncated()
    {
        return truncated;
    }

    long time(final int row)
    {
        return times[row];
    }

    /** @return the first data sequence number carried, or the DATA_ACK. */
    long dsn(final int row)
    {
        return dsns[row];
    }

    /** @return data bytes carried; 0 for a DATA_ACK. */
    int length(final int row)
    {
        return lengths[row];
    }

    int reinjectedBytes(final int row)
    {
        return reinjectedBytes[row];
    }

    int kind(final int row)
    {
        return fields[row] & 1;
    }

    int direction(final int row)
    {
        return fields[row] >>> DIRECTION_SHIFT & 1;
    }

    int subflow(final int row)
    {
        return fields[row] >>> SUBFLOW_SHIFT;
    }
}
