package org.mptcpstat.flowtable;

import com.carrotsearch.hppc.LongIntHashMap;
import org.HdrHistogram.IntCountsHistogram;

import java.util.Arrays;

/**
 * The per-connection state that does not fit fixed slots: an RTT histogram and a count of ACKs
 * by acknowledged size, per direction. Objects are pooled by slot and cleared when the slot is
 * reused, and the histogram is created only once a direction has an RTT sample, so the steady
 * state allocates nothing and memory still follows the open connections.
 */
public final class ConnectionExtras
{
    /** µs; RTTs above a minute are clamped there. */
    private static final long HIGHEST_RTT_MICROS = 60_000_000L;
    /** Two significant digits: percentiles within 1%, about 10 KiB per histogram. */
    private static final int SIGNIFICANT_DIGITS = 2;

    private IntCountsHistogram[] histograms = new IntCountsHistogram[64];
    private LongIntHashMap[] ackSizes = new LongIntHashMap[64];
    private int slot;

    /** Points at one connection's extras. */
    ConnectionExtras wrap(final int slot)
    {
        this.slot = slot;
        ensure(slot);
        return this;
    }

    void clear(final int slot)
    {
        ensure(slot);
        for (int direction = 0; direction < 2; direction++)
        {
            final int i = slot * 2 + direction;
            // Clearing costs the whole counts array: only when the last connection used it.
            if (histograms[i] != null && histograms[i].getTotalCount() > 0)
            {
                histograms[i].reset();
            }
            if (ackSizes[i] != null && !ackSizes[i].isEmpty())
            {
                ackSizes[i].clear();
            }
        }
    }

    void recordRtt(final int direction, final long micros)
    {
        final int i = slot * 2 + direction;
        if (histograms[i] == null)
        {
            histograms[i] = new IntCountsHistogram(1, HIGHEST_RTT_MICROS, SIGNIFICANT_DIGITS);
        }
        histograms[i].recordValue(Math.max(1, Math.min(HIGHEST_RTT_MICROS, micros)));
    }

    void recordAckSize(final int direction, final long bytes)
    {
        final int i = slot * 2 + direction;
        if (ackSizes[i] == null)
        {
            ackSizes[i] = new LongIntHashMap();
        }
        ackSizes[i].addTo(bytes, 1);
    }

    /**
     * @return the RTT (µs) below which {@code percentile} percent of a direction's samples lie,
     * or -1 without samples.
     */
    public long rttPercentileMicros(final int direction, final double percentile)
    {
        final IntCountsHistogram histogram = histograms[slot * 2 + direction];
        if (histogram == null || histogram.getTotalCount() == 0)
        {
            return -1;
        }
        return histogram.getValueAtPercentile(percentile);
    }

    /** @return ACK counts by newly acknowledged bytes for a direction's ACKs, or null if none. */
    public LongIntHashMap ackSizes(final int direction)
    {
        final LongIntHashMap sizes = ackSizes[slot * 2 + direction];
        return sizes == null || sizes.isEmpty() ? null : sizes;
    }

    private void ensure(final int slot)
    {
        if (slot * 2 + 1 >= histograms.length)
        {
            final int length = Math.max(histograms.length * 2, slot * 2 + 2);
            histograms = Arrays.copyOf(histograms, length);
            ackSizes = Arrays.copyOf(ackSizes, length);
        }
    }
}
