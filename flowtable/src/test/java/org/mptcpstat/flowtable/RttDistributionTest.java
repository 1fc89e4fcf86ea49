package org.mptcpstat.flowtable;

import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RttDistributionTest
{
    private static final double[] PERCENTILES = { 0, 1, 25, 33.3, 50, 66.7, 75, 90, 95, 99, 100 };

    private final RttDistribution.Pool pool = new RttDistribution.Pool();

    @Test
    void shouldGiveTheHistogramsPercentilesWhetherItKeptTheSamplesOrAHistogram()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final RttDistribution distribution = new RttDistribution(pool);
        for (int trial = 0; trial < 2_000; trial++)
        {
            // Across both switches: own samples (8), pooled samples (64), histogram.
            final int samples = 1 + trial % 100;
            final IntCountsHistogram reference = new IntCountsHistogram(1, 60_000_000L, 2);
            distribution.reset();
            for (int i = 0; i < samples; i++)
            {
                final long micros = random.nextInt(4) == 0 ? random.nextLong(0, 100_000_000L) : random.nextLong(1, 300_000);
                distribution.record(micros);
                reference.recordValue(Math.max(1, Math.min(60_000_000L, micros)));
            }
            for (final double percentile : PERCENTILES)
            {
                assertEquals(reference.getValueAtPercentile(percentile), distribution.percentile(percentile),
                    samples + " samples, percentile " + percentile);
            }
        }
    }

    @Test
    void shouldGiveTheHistogramsPercentilesForLongConnections()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final RttDistribution distribution = new RttDistribution(pool);
        for (int trial = 0; trial < 200; trial++)
        {
            final int samples = 9 + random.nextInt(5_000);
            final long low = random.nextLong(1, 1_000_000);
            final long high = low + random.nextLong(1, trial % 2 == 0 ? 1_000 : 100_000_000L);
            final IntCountsHistogram reference = new IntCountsHistogram(1, 60_000_000L, 2);
            distribution.reset();
            for (int i = 0; i < samples; i++)
            {
                final long micros = random.nextLong(low, high);
                distribution.record(micros);
                reference.recordValue(Math.max(1, Math.min(60_000_000L, micros)));
            }
            for (final double percentile : PERCENTILES)
            {
                assertEquals(reference.getValueAtPercentile(percentile), distribution.percentile(percentile),
                    samples + " samples in [" + low + ", " + high + "), percentile " + percentile);
            }
        }
    }

    @Test
    void shouldSizeItsHistogramByItsLargestSample()
    {
        final RttDistribution lan = new RttDistribution(pool);
        final RttDistribution wan = new RttDistribution(pool);
        final RttDistribution stalled = new RttDistribution(pool);
        for (int i = 0; i < 1_000; i++)
        {
            lan.record(200 + i);
            wan.record(20_000 + 80 * i);
            stalled.record(i == 999 ? 90_000_000L : 20_000 + 80 * i);
        }

        assertTrue(lan.histogramFootprintBytes() <= 3 * 1024, "RTTs up to 1.2 ms: " + lan.histogramFootprintBytes());
        assertTrue(wan.histogramFootprintBytes() <= 6 * 1024, "RTTs up to 100 ms: " + wan.histogramFootprintBytes());
        assertTrue(stalled.histogramFootprintBytes() > 10 * 1024, "one RTT clamped at a minute: " +
            stalled.histogramFootprintBytes());
        assertEquals(stalled.percentile(50), wan.percentile(50));
    }

    @Test
    void shouldGiveThePercentilesOfTheNewSamplesAfterAReset()
    {
        final RttDistribution distribution = new RttDistribution(pool);
        for (int i = 1; i <= 100; i++)
        {
            distribution.record(1_000_000 - i);
        }
        distribution.reset();
        for (int i = 1; i <= 40; i++)
        {
            distribution.record(i);
        }

        assertEquals(1, distribution.percentile(0));
        assertEquals(40, distribution.percentile(100));
        assertEquals(20, distribution.percentile(50));
    }

    @Test
    void shouldHaveNoPercentileWhenItHasNoSample()
    {
        final RttDistribution distribution = new RttDistribution(pool);
        distribution.record(5_000);
        distribution.reset();

        assertEquals(-1, distribution.percentile(50));
    }
}
