package org.mptcpstat.parser.capture;

/**
 * Converts pcapng timestamps to nanoseconds. The {@code if_tsresol} byte gives a negative power of
 * ten, or of two when its top bit is set; the default is microseconds.
 */
final class TimestampResolution
{
    static final int MICROSECONDS = 6;

    private static final int BINARY_FLAG = 0x80;
    private static final int EXPONENT_MASK = 0x7F;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L };

    private TimestampResolution()
    {
    }

    /**
     * @return decimal digits that show a timestamp of this resolution exactly, at most 9
     * (nanoseconds): 10^-k needs k digits, 2^-k needs ceil(k * log10(2)).
     */
    static int decimals(final int resolution)
    {
        final int exponent = resolution & EXPONENT_MASK;
        final int digits = (resolution & BINARY_FLAG) != 0 ? (int)Math.ceil(exponent * Math.log10(2)) : exponent;
        return Math.min(9, digits);
    }

    /**
     * @param resolution the {@code if_tsresol} byte.
     * @param ticks      the 64-bit timestamp, in units of that resolution.
     * @return nanoseconds (rounded down).
     */
    static long toNanos(final int resolution, final long ticks)
    {
        final int exponent = resolution & EXPONENT_MASK;
        if ((resolution & BINARY_FLAG) != 0)
        {
            if (exponent >= 64)
            {
                return 0;
            }
            final long seconds = ticks >>> exponent;
            final long fraction = exponent == 0 ? 0 : ticks & (-1L >>> (64 - exponent));
            // Keep the fraction below 2^33 so the multiplication by 10^9 (< 2^30) cannot overflow.
            final int shift = Math.max(0, exponent - 33);
            return seconds * NANOS_PER_SECOND + (((fraction >>> shift) * NANOS_PER_SECOND) >>> (exponent - shift));
        }
        if (exponent <= 9)
        {
            return ticks * POWERS_OF_TEN[9 - exponent];
        }
        if (exponent < POWERS_OF_TEN.length + 9)
        {
            return Long.divideUnsigned(ticks, POWERS_OF_TEN[exponent - 9]);
        }
        return 0;
    }
}
