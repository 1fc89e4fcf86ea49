package org.mptcpstat.flowtable;

import org.HdrHistogram.IntCountsHistogram;

import java.util.ArrayDeque;

/**
 * The RTT samples of one direction, for percentiles. Most connections are short: their first
 * {@value #OWN_SAMPLES} samples are kept as they are (a few dozen bytes), up to
 * {@value #POOLED_SAMPLES} in an array borrowed from the tracker's {@link Pool}, and only a
 * direction with more takes an HdrHistogram (2 to 10.5 KiB, by its largest sample) from the pool.
 * Both go back on {@link #reset()}. So memory follows the connections that are open and long, not
 * all those open; and a histogram, whose creation, growth and clearing cost microseconds, is paid
 * only by the long ones. The percentiles are the histogram's either way (2 significant digits).
 */
public final class RttDistribution
{
    /** µs; RTTs above a minute are clamped there. */
    private static final long HIGHEST_RTT_MICROS = 60_000_000L;
    /** Two significant digits: percentiles within 1%. */
    private static final int SIGNIFICANT_DIGITS = 2;
    private static final int OWN_SAMPLES = 8;
    private static final int POOLED_SAMPLES = 64;

    private final Pool pool;
    private final int[] own = new int[OWN_SAMPLES];
    /** The samples while there is no histogram: {@link #own}, or an array from the pool. */
    private int[] samples = own;
    private int count;
    /** How many of the samples are in order: percentiles come in sixes, samples may follow them. */
    private int sortedCount;
    private IntCountsHistogram histogram;

    public RttDistribution(final Pool pool)
    {
        this.pool = pool;
    }

    public void record(final long micros)
    {
        final int value = (int)Math.max(1, Math.min(HIGHEST_RTT_MICROS, micros));
        if (histogram == null && count == samples.length)
        {
            if (samples == own)
            {
                samples = pool.takeSamples();
                System.arraycopy(own, 0, samples, 0, count);
            }
            else
            {
                histogram = pool.take();
                for (int i = 0; i < count; i++)
                {
                    histogram.recordValue(samples[i]);
                }
                pool.giveSamples(samples);
                samples = own;
            }
        }
        if (histogram != null)
        {
            histogram.recordValue(value);
        }
        else
        {
            samples[count] = value;
        }
        count++;
    }

    /** @return the RTT (µs) below which {@code percentile} percent of the samples lie, or -1 without samples. */
    public long percentile(final double percentile)
    {
        if (count == 0)
        {
            return -1;
        }
        final long rank = rank(percentile);
        final long value = histogram != null ? histogramValueAtRank(rank) : keptValueAtRank(rank);
        return percentile == 0.0 ? pool.bucketStructure.lowestEquivalentValue(value) :
            pool.bucketStructure.highestEquivalentValue(value);
    }

    /**
     * @return how many samples lie at or below the percentile, at least one: HdrHistogram's rank,
     * taken one ulp below the percentile so that rounding never overshoots.
     */
    private long rank(final double percentile)
    {
        final double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        return (long)Math.max(1, Math.ceil(requested / 100.0 * count));
    }

    private long keptValueAtRank(final long rank)
    {
        if (sortedCount != count)
        {
            java.util.Arrays.sort(samples, 0, count);
            sortedCount = count;
        }
        return samples[(int)rank - 1];
    }

    /**
     * Walks the buckets from the smallest sample up, not from zero as the histogram's own
     * percentile does: a connection's RTTs span a few hundred buckets of the thousands between
     * 1 µs and a minute, and every finished connection asks for six percentiles per direction.
     */
    private long histogramValueAtRank(final long rank)
    {
        final long max = histogram.getMaxValue();
        long seen = 0;
        long value = histogram.getMinNonZeroValue();
        while (value < max)
        {
            seen += histogram.getCountAtValue(value);
            if (seen >= rank)
            {
                return value;
            }
            value = histogram.nextNonEquivalentValue(value);
        }
        return max;
    }

    /** @return the bytes the samples take beyond the kept ones: the histogram's, when it has one. */
    long histogramFootprintBytes()
    {
        return histogram == null ? 0 : histogram.getEstimatedFootprintInBytes();
    }

    /** Forgets every sample, and gives a histogram back to the pool. */
    public void reset()
    {
        if (histogram != null)
        {
            pool.give(histogram);
            histogram = null;
        }
        if (samples != own)
        {
            pool.giveSamples(samples);
            samples = own;
        }
        count = 0;
        sortedCount = 0;
    }

    /** Histograms of one tracker (single-threaded) that directions with many samples borrow. */
    public static final class Pool
    {
        /** Never records: it only tells which values share a bucket. */
        private final IntCountsHistogram bucketStructure =
            new IntCountsHistogram(1, HIGHEST_RTT_MICROS, SIGNIFICANT_DIGITS);
        /** Spares, last in first out: the deques grow to the most ever lent at once, then allocate nothing. */
        private final ArrayDeque<IntCountsHistogram> spareHistograms = new ArrayDeque<>();
        private final ArrayDeque<int[]> spareSamples = new ArrayDeque<>();

        IntCountsHistogram take()
        {
            return spareHistograms.isEmpty() ? newHistogram() : spareHistograms.pop();
        }

        void give(final IntCountsHistogram histogram)
        {
            histogram.reset();
            spareHistograms.push(histogram);
        }

        int[] takeSamples()
        {
            return spareSamples.isEmpty() ? new int[POOLED_SAMPLES] : spareSamples.pop();
        }

        void giveSamples(final int[] samples)
        {
            spareSamples.push(samples);
        }

        /**
         * Same buckets as {@link #bucketStructure}, but the counts reach only as far as the largest
         * sample so far, growing when a larger one comes: 3 KiB for RTTs up to 1 ms, 6 KiB up to
         * 100 ms, where a histogram sized for a minute takes 10.5 KiB. A histogram keeps its size
         * when it goes back to the pool.
         */
        private static IntCountsHistogram newHistogram()
        {
            // This constructor makes an auto-resizing histogram with a lowest value of 1.
            return new IntCountsHistogram(SIGNIFICANT_DIGITS);
        }
    }
}
