package org.mptcpstat.cli.compat.mptcptrace;

import org.mptcpstat.emitters.AsciiWriter;

import java.io.IOException;
import java.util.Arrays;

/**
 * One direction of a connection's data as mptcptrace follows it: the DSS mappings its sender
 * sends and the DATA_ACKs the other side returns for them. Each is a row of {@code *_seq_N}
 * as it comes; each DATA_ACK is also a row of {@code *_acksize_N} (bytes of the mappings it
 * acknowledged in full) and gives one row of {@code *_rtt_seq_ts_N} per such mapping (time
 * since the mapping was first sent). The rest is counted for {@code stats_N}.
 * <p>
 * mptcptrace's rules, which its files on the public v0 captures confirm row for row:
 * <ul>
 * <li>A mapping waits for its acknowledgment unless the highest DATA_ACK already covers it, and
 *     only the first mapping of a start does (a resent one keeps its first time, so its RTT
 *     counts from the first transmission). A DATA_ACK acknowledges the waiting mappings from the
 *     lowest start on, as long as each ends at or below it.</li>
 * <li>A mapping whose start was first sent on another subflow is a reinjection from that one.</li>
 * </ul>
 * Data sequence numbers are the tracker's 64-bit ones; rows print their low 32 bits, as
 * mptcptrace (which reads 4-byte DSNs only) does.
 */
final class TracedDirection
{
    /** Mappings remembered per direction; mptcptrace keeps all (its option -q bounds them too). */
    static final int MAPPINGS_LIMIT = 1 << 16;
    /** Mappings are counted by the number of subflows that sent them, 0 to 31. */
    static final int SUBFLOW_COUNTS = 32;
    private static final long SEQUENCE_MASK = 0xFFFF_FFFFL;
    private static final int MICROS_DECIMALS = 6;
    private static final int MILLIS_DECIMALS = 6;
    private static final long NANOS_PER_MICRO = 1_000;
    private static final double MICROS_PER_MILLI = 1_000.0;
    /** The series mptcptrace writes its RTT rows in (option -r 2). */
    private static final int ROUND_TRIP_SERIES = 2;

    final RowFile sequence = new RowFile();
    final RowFile ackSizes = new RowFile();
    final RowFile roundTripTimes = new RowFile();
    /** Mapping positions sent on more than one subflow, or null: mptcptrace writes them for c2s only. */
    final RowFile reinjectedMappings;
    /** Mappings waiting for their acknowledgment: start, then length and time first sent. */
    private final OrderedMappings unacknowledged = new OrderedMappings(MAPPINGS_LIMIT);
    /** Every mapping start sent: start, then the subflow that sent it first and the set of subflows that sent it. */
    private final OrderedMappings sent = new OrderedMappings(MAPPINGS_LIMIT);
    private final long[] mappingsBySubflowCount = new long[SUBFLOW_COUNTS];
    private long[] reinjectionsByOrigin = new long[4];
    /** Mappings of {@link #sent} counted and forgotten, in order of their start: the next one's position. */
    private long mappingsCounted;
    private long reinjections;
    private long reinjectedBytes;
    private boolean firstMappingSeen;
    private long firstMappingStart;
    private long firstMappingTime;
    private boolean dataAckSeen;
    private long highestDataAck;
    private long highestDataAckTime;
    private boolean dataFinSeen;
    private long dataFinEnd;

    TracedDirection(final boolean writesReinjectedMappings)
    {
        this.reinjectedMappings = writesReinjectedMappings ? new RowFile() : null;
    }

    /** Forgets the previous connection: the next calls are of another one. */
    void reset()
    {
        unacknowledged.clear();
        sent.clear();
        Arrays.fill(mappingsBySubflowCount, 0);
        Arrays.fill(reinjectionsByOrigin, 0);
        mappingsCounted = 0;
        reinjections = 0;
        reinjectedBytes = 0;
        firstMappingSeen = false;
        dataAckSeen = false;
        dataFinSeen = false;
    }

    /**
     * A DSS mapping of this direction, sent on {@code subflow}; {@code length} counts a DATA_FIN.
     *
     * @return the subflow that first sent a mapping of this start when it was another one (a
     * reinjection), else -1; count its transmission with {@link #countTransmission}.
     */
    int onMapping(final int subflow, final long timeNanos, final long dsn, final long length, final boolean dataFin)
        throws IOException
    {
        final long end = dsn + length;
        if (!firstMappingSeen)
        {
            firstMappingSeen = true;
            firstMappingStart = dsn;
            firstMappingTime = timeNanos;
        }
        if (dataFin)
        {
            dataFinSeen = true;
            dataFinEnd = end;
        }
        if (!dataAckSeen || end - highestDataAck > 0)
        {
            final int index = unacknowledged.indexOf(dsn);
            if (index < 0)
            {
                int at = -index - 1;
                if (unacknowledged.full())
                {
                    // Never acknowledged (a capture without the other direction): the oldest goes unsampled.
                    unacknowledged.removeFirst();
                    at = Math.max(0, at - 1);
                }
                unacknowledged.insert(at, dsn, length, timeNanos);
            }
        }
        final int origin = recordSent(subflow, dsn, dataFin && length == 1);
        sequence.rows().putSeconds(timeNanos, MICROS_DECIMALS).putByte(',').putLong(dsn & SEQUENCE_MASK).putByte(',')
            .putLong(subflow + 1).putAscii(",1,").putLong(end & SEQUENCE_MASK).putByte(',')
            .putLong(origin >= 0 ? origin + 1 : -1).endLine();
        return origin;
    }

    /** Counts one transmission of a mapping of {@code length}, a reinjection from {@code origin} unless -1. */
    void countTransmission(final long length, final int origin)
    {
        if (origin < 0)
        {
            return;
        }
        reinjections++;
        reinjectedBytes += length;
        if (origin >= reinjectionsByOrigin.length)
        {
            reinjectionsByOrigin = Arrays.copyOf(reinjectionsByOrigin, origin * 2);
        }
        reinjectionsByOrigin[origin]++;
    }

    /**
     * @return the subflow that first sent a mapping of this start when it was another one, else -1;
     * the mapping is remembered.
     * @param dataFinOnly whether the mapping maps the DATA_FIN and no data: MPTCP v1 stacks send it
     *                    on every subflow, which resends no data (mptcptrace never saw v1).
     */
    private int recordSent(final int subflow, final long dsn, final boolean dataFinOnly) throws IOException
    {
        final long subflowBit = 1L << Math.min(subflow, Long.SIZE - 1);
        final int index = sent.indexOf(dsn);
        if (index >= 0 && dataFinOnly)
        {
            return -1;
        }
        if (index >= 0)
        {
            sent.second(index, sent.second(index) | subflowBit);
            return sent.first(index) == subflow ? -1 : (int)sent.first(index);
        }
        int at = -index - 1;
        if (sent.full())
        {
            countFirstSent();
            at = Math.max(0, at - 1);
        }
        sent.insert(at, dsn, subflow, subflowBit);
        return -1;
    }

    /**
     * A DATA_ACK of this direction's data, carried on {@code subflow}: writes its rows and
     * acknowledges the waiting mappings it covers.
     */
    void onDataAck(final int subflow, final long timeNanos, final long dataAck) throws IOException
    {
        long acknowledgedBytes = 0;
        while (unacknowledged.size() > 0 && unacknowledged.start(0) + unacknowledged.first(0) - dataAck <= 0)
        {
            acknowledgedBytes += unacknowledged.first(0);
            final long sentTime = unacknowledged.second(0);
            final long micros = timeNanos / NANOS_PER_MICRO - sentTime / NANOS_PER_MICRO;
            roundTripTimes.rows().putSeconds(sentTime, MICROS_DECIMALS).putByte(',')
                .putFixed(micros / MICROS_PER_MILLI, MILLIS_DECIMALS).putByte(',').putLong(ROUND_TRIP_SERIES)
                .putAscii(",0,0").endLine();
            unacknowledged.removeFirst();
        }
        if (!dataAckSeen || dataAck - highestDataAck >= 0)
        {
            dataAckSeen = true;
            highestDataAck = dataAck;
            highestDataAckTime = timeNanos;
        }
        sequence.rows().putSeconds(timeNanos, MICROS_DECIMALS).putByte(',').putLong(dataAck & SEQUENCE_MASK)
            .putByte(',').putLong(subflow + 1).putAscii(",0,0,-1").endLine();
        ackSizes.rows().putSeconds(timeNanos, MICROS_DECIMALS).putByte(',').putLong(acknowledgedBytes)
            .putByte(',').putLong(subflow + 1).putAscii(",0,0,-1").endLine();
    }

    /** @return whether this direction's DATA_FIN was sent and the highest DATA_ACK is just past it. */
    boolean dataFinAcknowledged()
    {
        return dataFinSeen && dataAckSeen && highestDataAck == dataFinEnd;
    }

    /** The connection is closed: counts the mappings still remembered and closes the files. */
    void close() throws IOException
    {
        while (sent.size() > 0)
        {
            countFirstSent();
        }
        sequence.close();
        ackSizes.close();
        roundTripTimes.close();
        if (reinjectedMappings != null)
        {
            reinjectedMappings.close();
        }
    }

    /** Counts the remembered mapping of lowest start by the subflows that sent it, and forgets it. */
    private void countFirstSent() throws IOException
    {
        final int subflows = Long.bitCount(sent.second(0));
        mappingsBySubflowCount[Math.min(subflows, SUBFLOW_COUNTS - 1)]++;
        if (reinjectedMappings != null && subflows > 1)
        {
            reinjectedMappings.rows().putLong(mappingsCounted).putByte(',').putLong(subflows).endLine();
        }
        mappingsCounted++;
        sent.removeFirst();
    }

    /** Closes the files without writing out their rows: the analysis was aborted. */
    void abandon()
    {
        sequence.abandon();
        ackSizes.abandon();
        roundTripTimes.abandon();
        if (reinjectedMappings != null)
        {
            reinjectedMappings.abandon();
        }
    }

    boolean firstMappingSeen()
    {
        return firstMappingSeen;
    }

    long firstMappingStart()
    {
        return firstMappingStart;
    }

    long firstMappingTime()
    {
        return firstMappingTime;
    }

    boolean dataAckSeen()
    {
        return dataAckSeen;
    }

    long highestDataAck()
    {
        return highestDataAck;
    }

    /** @return when the highest DATA_ACK (or the last that repeated it) came. */
    long highestDataAckTime()
    {
        return highestDataAckTime;
    }

    long reinjections()
    {
        return reinjections;
    }

    long reinjectedBytes()
    {
        return reinjectedBytes;
    }

    /** @return reinjections of mappings that {@code subflow} had sent first. */
    long reinjectionsFrom(final int subflow)
    {
        return subflow < reinjectionsByOrigin.length ? reinjectionsByOrigin[subflow] : 0;
    }

    /** @return distinct mapping starts sent, valid after {@link #close()}. */
    long mappings()
    {
        return mappingsCounted;
    }

    /** @return distinct mapping starts sent on {@code subflows} subflows (31: or more), after {@link #close()}. */
    long mappingsSentOn(final int subflows)
    {
        return mappingsBySubflowCount[subflows];
    }
}
