package org.mptcpstat.cli.report;

import com.carrotsearch.hppc.DoubleArrayList;
import com.carrotsearch.hppc.IntObjectHashMap;

import java.util.Arrays;

/**
 * One direction of an MPTCP connection's series as the points of a time-sequence plot: x is
 * seconds since the connection's first packet, y the data sequence in bytes past the IDSN.
 */
final class TimeSequence
{
    private final IntObjectHashMap<Points> subflows = new IntObjectHashMap<>();
    /** Packets that carried data another subflow had carried. */
    final Points reinjections = new Points("");
    /** DATA_ACKs that acknowledged new data. */
    final Points dataAcks = new Points("");
    private long highestSeqEnd;

    /** A data packet: {@code seqEnd} is one past its last byte. */
    void addData(final int subflow, final String interfaceLabel, final long elapsedNanos, final long seqEnd,
        final boolean reinjection)
    {
        Points points = subflows.get(subflow);
        if (points == null)
        {
            points = new Points(interfaceLabel);
            subflows.put(subflow, points);
        }
        points.add(elapsedNanos, seqEnd);
        highestSeqEnd = Math.max(highestSeqEnd, seqEnd);
        if (reinjection)
        {
            reinjections.add(elapsedNanos, seqEnd);
        }
    }

    void addDataAck(final long elapsedNanos, final long seqAcked)
    {
        dataAcks.add(elapsedNanos, seqAcked);
    }

    boolean hasData()
    {
        return !subflows.isEmpty();
    }

    /** @return how far its data reached: one past the highest byte carried, past the IDSN. */
    long highestSeqEnd()
    {
        return highestSeqEnd;
    }

    /** @return the numbers of the subflows that carried data in this direction, ascending. */
    int[] subflowNumbers()
    {
        final int[] numbers = subflows.keys().toArray();
        Arrays.sort(numbers);
        return numbers;
    }

    Points subflow(final int number)
    {
        return subflows.get(number);
    }

    /** The points of one series, in the order they were added. */
    static final class Points
    {
        private final String interfaceLabel;
        private final DoubleArrayList x = new DoubleArrayList();
        private final DoubleArrayList y = new DoubleArrayList();

        private Points(final String interfaceLabel)
        {
            this.interfaceLabel = interfaceLabel;
        }

        private void add(final long elapsedNanos, final long sequenceBytes)
        {
            x.add(elapsedNanos / 1e9);
            y.add(sequenceBytes);
        }

        /** @return the interface of the subflow these are the data packets of (mptcp_series labels). */
        String interfaceLabel()
        {
            return interfaceLabel;
        }

        int size()
        {
            return x.size();
        }

        /** @return every {@code stride}-th x, from the first. */
        double[] x(final int stride)
        {
            return every(x, stride, 1);
        }

        /** @return every {@code stride}-th y, from the first, in units of {@code bytesPerUnit}. */
        double[] y(final int stride, final double bytesPerUnit)
        {
            return every(y, stride, bytesPerUnit);
        }

        private static double[] every(final DoubleArrayList values, final int stride, final double divisor)
        {
            final double[] kept = new double[(values.size() + stride - 1) / stride];
            for (int i = 0; i < kept.length; i++)
            {
                kept[i] = values.get(i * stride) / divisor;
            }
            return kept;
        }
    }
}
