package org.mptcpstat.flowtable;

import com.carrotsearch.hppc.LongIntHashMap;

import java.util.Arrays;

/**
 * The per-connection state that does not fit fixed slots: the RTT samples and a count of ACKs by
 * acknowledged size, per direction. Objects are pooled by slot and cleared when the slot is
 * reused; a direction's RTTs take a histogram only beyond a few samples ({@link RttDistribution}),
 * so the steady state allocates nothing and memory follows the open connections, most of which
 * are short.
 */
public final class ConnectionExtras
{
    private final RttDistribution.Pool histograms = new RttDistribution.Pool();
    private RttDistribution[] rtts = new RttDistribution[64];
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
            if (rtts[i] != null)
            {
                rtts[i].reset();
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
        if (rtts[i] == null)
        {
            rtts[i] = new RttDistribution(histograms);
        }
        rtts[i].record(micros);
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
        final RttDistribution rtt = rtts[slot * 2 + direction];
        return rtt == null ? -1 : rtt.percentile(percentile);
    }

    /** @return ACK counts by newly acknowledged bytes for a direction's ACKs, or null if none. */
    public LongIntHashMap ackSizes(final int direction)
    {
        final LongIntHashMap sizes = ackSizes[slot * 2 + direction];
        return sizes == null || sizes.isEmpty() ? null : sizes;
    }

    private void ensure(final int slot)
    {
        if (slot * 2 + 1 >= rtts.length)
        {
            final int length = Math.max(rtts.length * 2, slot * 2 + 2);
            rtts = Arrays.copyOf(rtts, length);
            ackSizes = Arrays.copyOf(ackSizes, length);
        }
    }
}
