package org.mptcpstat.bench.generate;

/**
 * SplitMix64: a tiny generator whose output depends only on its seed, so a capture made from a
 * seed is the same byte for byte on every JVM and version (the JDK does not promise that of its
 * own generators). Each conversation reseeds one instance from the capture's seed and its own
 * number, so what a conversation contains does not depend on how conversations interleave.
 */
final class SeededRandom
{
    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;
    private static final double UNIT = 0x1.0p-53;

    private long state;

    SeededRandom(final long seed)
    {
        state = seed;
    }

    /** Starts the stream of one member of a family (a conversation) of streams drawn from one seed. */
    SeededRandom reseed(final long seed, final long member)
    {
        state = seed;
        state = nextLong() ^ member * GOLDEN_GAMMA;
        return this;
    }

    long nextLong()
    {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    int nextInt()
    {
        return (int)(nextLong() >>> 32);
    }

    /** @return uniform in [0, 1). */
    double nextDouble()
    {
        return (nextLong() >>> 11) * UNIT;
    }

    boolean chance(final double probability)
    {
        return nextDouble() < probability;
    }

    /** @return uniform in [low, high], both inclusive. */
    long between(final long low, final long high)
    {
        return low + (long)(nextDouble() * (high - low + 1));
    }

    /** @return exponentially distributed with this mean: the gaps of a Poisson process. */
    long exponential(final long mean)
    {
        return (long)(-Math.log(1.0 - nextDouble()) * mean);
    }
}
