package org.mptcpstat.emitters;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes text rows as ASCII bytes straight into one reusable buffer, flushed to a stream when
 * full: numbers, addresses and times are formatted digit by digit, so writing a row allocates
 * nothing (no {@code String}, no boxing). Output is independent of the default locale.
 */
public final class AsciiWriter implements AutoCloseable
{
    private static final int DEFAULT_CAPACITY = 1 << 16;
    /** Room for the longest single item (an IPv6 address, a 20-digit number, a 64-bit hex). */
    private static final int MAX_ITEM_LENGTH = 64;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Most decimals {@link #putSeconds} writes: nanoseconds. */
    public static final int MAX_SECONDS_DECIMALS = 9;
    /**
     * Most decimals {@link #putFixed} writes: the scaled fraction must stay below 2^52, where
     * doubles still have a fractional bit, for its rounding to be exact.
     */
    public static final int MAX_FIXED_DECIMALS = 15;
    /** 10^i, each exact both as a long and as a double. */
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L };
    private static final int EIGHT_DIGITS = 8;
    /** Long.MAX_VALUE has 19 digits. */
    private static final int MAX_LONG_DIGITS = 19;
    /** The tens and the ones digit of each number below 100. */
    private static final byte[] PAIR_TENS = new byte[100];
    private static final byte[] PAIR_ONES = new byte[100];

    static
    {
        for (int i = 0; i < 100; i++)
        {
            PAIR_TENS[i] = (byte)('0' + i / 10);
            PAIR_ONES[i] = (byte)('0' + i % 10);
        }
    }

    /** Doubles at or above 2^63 have no long; their digits go through {@link #limbs}. */
    private static final double TWO_POW_63 = 0x1p63;
    /** Veltkamp's constant 2^27 + 1: splits a double into two halves whose products are exact. */
    private static final double SPLITTER = 0x1p27 + 1;
    private static final int SIGNIFICAND_BITS = 52;
    private static final long SIGNIFICAND_MASK = (1L << SIGNIFICAND_BITS) - 1;
    private static final long LIMB_BASE = 1_000_000_000L;
    private static final int LIMB_DIGITS = 9;
    /** Limb values stay below 2^30, so shifting one by up to 32 bits still fits a long. */
    private static final int MAX_LIMB_SHIFT = 32;
    /** Double.MAX_VALUE has 309 integer digits: 35 limbs of nine. */
    private static final int MAX_DOUBLE_LIMBS = 35;

    private final OutputStream out;
    private final byte[] buffer;
    /** Base-10^9 digits, least significant first, of a double too large for a long. */
    private final long[] limbs = new long[MAX_DOUBLE_LIMBS];
    private int position;

    public AsciiWriter(final OutputStream out)
    {
        this(out, DEFAULT_CAPACITY);
    }

    public AsciiWriter(final OutputStream out, final int capacity)
    {
        this.out = out;
        this.buffer = new byte[Math.max(capacity, MAX_ITEM_LENGTH * 2)];
    }

    public AsciiWriter putByte(final int b) throws IOException
    {
        ensure(1);
        buffer[position++] = (byte)b;
        return this;
    }

    /** Writes a string constant; characters must be ASCII. */
    public AsciiWriter putAscii(final CharSequence text) throws IOException
    {
        for (int i = 0, n = text.length(); i < n; i++)
        {
            putByte(text.charAt(i));
        }
        return this;
    }

    public AsciiWriter putLong(final long value) throws IOException
    {
        if (value < 0)
        {
            putByte('-');
            if (value == Long.MIN_VALUE)
            {
                return putAscii("9223372036854775808");
            }
            return putUnsignedLong(-value);
        }
        return putUnsignedLong(value);
    }

    /** Writes bytes already encoded (a pre-quoted CSV label, a header), of any length. */
    public AsciiWriter putBytes(final byte[] bytes) throws IOException
    {
        ensure(bytes.length);
        if (bytes.length > buffer.length)
        {
            out.write(bytes);
            return this;
        }
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        return this;
    }

    /** Writes {@code value} read as an unsigned 64-bit integer (MPTCP keys, 64-bit DSNs). */
    public AsciiWriter putUnsignedLong(final long value) throws IOException
    {
        if (value < 0)
        {
            // Halve first so the remaining division is signed-safe; the last digit comes after.
            final long quotient = (value >>> 1) / 5;
            putDigits(quotient, digitCount(quotient));
            return putByte('0' + (int)(value - quotient * 10));
        }
        putDigits(value, digitCount(value));
        return this;
    }

    /** @return the decimal digits of a non-negative value, at least one. */
    private static int digitCount(final long value)
    {
        int count = 1;
        for (long threshold = 10; count < MAX_LONG_DIGITS && value >= threshold; threshold *= 10)
        {
            count++;
        }
        return count;
    }

    /** Writes the low {@code digitCount} hex digits of {@code value}, lower case, no prefix. */
    public AsciiWriter putHex(final long value, final int digitCount) throws IOException
    {
        ensure(digitCount);
        for (int shift = (digitCount - 1) * 4; shift >= 0; shift -= 4)
        {
            buffer[position++] = HEX_DIGITS[(int)(value >>> shift) & 0xF];
        }
        return this;
    }

    /** Writes nanoseconds since the epoch as seconds with nine decimals, e.g. {@code 12.000000345}. */
    public AsciiWriter putEpochNanos(final long nanos) throws IOException
    {
        putLong(Math.floorDiv(nanos, NANOS_PER_SECOND));
        putByte('.');
        final long fraction = Math.floorMod(nanos, NANOS_PER_SECOND);
        for (long scale = NANOS_PER_SECOND / 10; scale > 0; scale /= 10)
        {
            putByte((int)('0' + (fraction / scale) % 10));
        }
        return this;
    }

    /**
     * Writes nanoseconds as seconds with {@code decimals} decimals, truncated toward zero so that a
     * capture's timestamps print exactly as its own text (microsecond captures with 6, nanosecond
     * ones with 9), e.g. {@code -0.000500} for -500 µs with 6. A value that truncates to zero
     * has no sign.
     *
     * @param decimals 0 to {@link #MAX_SECONDS_DECIMALS}; 0 writes no decimal point.
     */
    public AsciiWriter putSeconds(final long nanos, final int decimals) throws IOException
    {
        if (decimals < 0 || decimals > MAX_SECONDS_DECIMALS)
        {
            throw new IllegalArgumentException("seconds decimals out of range: " + decimals);
        }
        // Long.MIN_VALUE's magnitude, 2^63, is right when read as unsigned.
        final long magnitude = Math.abs(nanos);
        final long seconds = Long.divideUnsigned(magnitude, NANOS_PER_SECOND);
        final long fraction = Long.remainderUnsigned(magnitude, NANOS_PER_SECOND) /
            POWERS_OF_TEN[MAX_SECONDS_DECIMALS - decimals];
        if (nanos < 0 && (seconds | fraction) != 0)
        {
            putByte('-');
        }
        putUnsignedLong(seconds);
        return putFraction(fraction, decimals);
    }

    /**
     * Writes a double in plain notation with exactly {@code decimals} decimals, never an exponent
     * and whatever the default locale: {@code 0.000}, {@code 12345678901234567890.000}. The exact
     * binary value is rounded to the nearest, ties to even, as C's {@code printf("%.3f")} and
     * Python's {@code format(x, ".3f")} do (so {@code 2.675} with two decimals is {@code 2.67}:
     * the double is 2.67499999...). A value that rounds to zero has no sign. Infinities print as
     * {@code inf} and {@code -inf}, NaN as {@code nan}, which C, Python, R and pandas all read back.
     *
     * @param decimals 0 to {@link #MAX_FIXED_DECIMALS}; 0 writes no decimal point.
     */
    public AsciiWriter putFixed(final double value, final int decimals) throws IOException
    {
        if (decimals < 0 || decimals > MAX_FIXED_DECIMALS)
        {
            throw new IllegalArgumentException("fixed decimals out of range: " + decimals);
        }
        if (Double.isNaN(value))
        {
            return putAscii("nan");
        }
        final double magnitude = Math.abs(value);
        if (magnitude == Double.POSITIVE_INFINITY)
        {
            return putAscii(value < 0 ? "-inf" : "inf");
        }
        final double integral = Math.floor(magnitude);
        if (integral >= TWO_POW_63)
        {
            // So large that it has no fraction, and too large for a long.
            if (value < 0)
            {
                putByte('-');
            }
            putLargeIntegral(integral);
            return putFraction(0, decimals);
        }
        // Both exact: integral has at most 63 bits and the subtraction drops only leading bits.
        long whole = (long)integral;
        long fraction = roundedScaledFraction(whole, magnitude - integral, POWERS_OF_TEN[decimals]);
        if (fraction == POWERS_OF_TEN[decimals])
        {
            whole++;
            fraction = 0;
        }
        if (value < 0 && (whole | fraction) != 0)
        {
            putByte('-');
        }
        putUnsignedLong(whole);
        return putFraction(fraction, decimals);
    }

    /**
     * @return {@code fraction * scale} rounded to the nearest long from its exact value, ties to
     * the even {@code whole * scale + result}.
     */
    private static long roundedScaledFraction(final long whole, final double fraction, final long scale)
    {
        final double factor = scale;
        final double product = fraction * factor;
        final double floor = Math.floor(product);
        // product < 2^52, so product - floor and its difference to 1/2 are exact; adding the
        // product's rounding error gives the sign of (exact product - floor - 1/2).
        final double excess = (product - floor - 0.5) + productError(fraction, factor, product);
        final long rounded = (long)floor;
        // Wrapping arithmetic keeps the lowest bit right: that is all a tie needs.
        final boolean oddBelow = ((whole * scale + rounded) & 1) != 0;
        return excess > 0 || (excess == 0 && oddBelow) ? rounded + 1 : rounded;
    }

    /**
     * Dekker's exact product error: {@code a * b - product}, where product is {@code a * b}
     * rounded. {@link Math#fma} would do it in one step but falls back to BigDecimal, and so
     * allocates, on processors without a fused multiply-add.
     */
    private static double productError(final double a, final double b, final double product)
    {
        final double aSplit = SPLITTER * a;
        final double aHigh = aSplit - (aSplit - a);
        final double aLow = a - aHigh;
        final double bSplit = SPLITTER * b;
        final double bHigh = bSplit - (bSplit - b);
        final double bLow = b - bHigh;
        return ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow;
    }

    /** Writes every digit of an integral double of 2^63 or more: significand times a power of two. */
    private void putLargeIntegral(final double integral) throws IOException
    {
        long significand = (Double.doubleToRawLongBits(integral) & SIGNIFICAND_MASK) | (1L << SIGNIFICAND_BITS);
        int shift = Math.getExponent(integral) - SIGNIFICAND_BITS;
        int count = 0;
        while (significand != 0)
        {
            limbs[count++] = significand % LIMB_BASE;
            significand /= LIMB_BASE;
        }
        while (shift > 0)
        {
            final int step = Math.min(shift, MAX_LIMB_SHIFT);
            long carry = 0;
            for (int i = 0; i < count; i++)
            {
                final long shifted = (limbs[i] << step) + carry;
                limbs[i] = shifted % LIMB_BASE;
                carry = shifted / LIMB_BASE;
            }
            while (carry != 0)
            {
                limbs[count++] = carry % LIMB_BASE;
                carry /= LIMB_BASE;
            }
            shift -= step;
        }
        putUnsignedLong(limbs[--count]);
        while (count > 0)
        {
            putDigits(limbs[--count], LIMB_DIGITS);
        }
    }

    /** Writes a decimal point and {@code fraction} as {@code decimals} digits; nothing when decimals is 0. */
    private AsciiWriter putFraction(final long fraction, final int decimals) throws IOException
    {
        if (decimals > 0)
        {
            putByte('.');
            putDigits(fraction, decimals);
        }
        return this;
    }

    /**
     * Writes the low {@code count} decimal digits of a non-negative value, with leading zeros:
     * eight digits per long division while the rest exceeds an int (64-bit sequence numbers, keys),
     * then two per int division: rows are mostly numbers.
     */
    private void putDigits(final long value, final int count) throws IOException
    {
        ensure(count);
        int i = position + count;
        long rest = value;
        while (rest > Integer.MAX_VALUE && i - position >= EIGHT_DIGITS)
        {
            final long quotient = rest / POWERS_OF_TEN[EIGHT_DIGITS];
            i = putPairs((int)(rest - quotient * POWERS_OF_TEN[EIGHT_DIGITS]), i, i - EIGHT_DIGITS);
            rest = quotient;
        }
        while (rest > Integer.MAX_VALUE && i > position)
        {
            buffer[--i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        putPairs((int)rest, i, position);
        position += count;
    }

    /**
     * Writes the digits of a non-negative int backwards from {@code end} down to {@code start}, two
     * per division, with leading zeros.
     *
     * @return {@code start}.
     */
    private int putPairs(final int value, final int end, final int start)
    {
        int i = end;
        int rest = value;
        while (i - start >= 2)
        {
            final int pair = rest % 100;
            rest /= 100;
            buffer[--i] = PAIR_ONES[pair];
            buffer[--i] = PAIR_TENS[pair];
        }
        if (i > start)
        {
            buffer[--i] = (byte)('0' + rest % 10);
        }
        return i;
    }

    /** Writes an IPv4 address held in the low 32 bits in dotted-quad form. */
    public AsciiWriter putIpv4(final long address) throws IOException
    {
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            putUnsignedLong((address >>> shift) & 0xFF);
            if (shift > 0)
            {
                putByte('.');
            }
        }
        return this;
    }

    /**
     * Writes an IPv6 address as tshark and glibc's {@code inet_ntop} do: RFC 5952 text
     * (lower-case hex without leading zeros, the longest run of two or more zero groups, the
     * first on a tie, shortened to {@code ::}), with IPv4-mapped ({@code ::ffff:a.b.c.d}) and
     * IPv4-compatible ({@code ::a.b.c.d}, when the zero run is exactly six groups) addresses
     * ending in dotted-quad form.
     */
    public AsciiWriter putIpv6(final long high, final long low) throws IOException
    {
        if (high == 0 && (low >>> 32) == 0xFFFFL)
        {
            putAscii("::ffff:");
            return putIpv4(low & 0xFFFF_FFFFL);
        }
        if (high == 0 && (low >>> 32) == 0 && (low & 0xFFFF_0000L) != 0)
        {
            putAscii("::");
            return putIpv4(low & 0xFFFF_FFFFL);
        }
        int bestStart = -1;
        int bestLength = 1;
        int runStart = -1;
        for (int group = 0; group <= 8; group++)
        {
            if (group < 8 && group(high, low, group) == 0)
            {
                if (runStart < 0)
                {
                    runStart = group;
                }
            }
            else if (runStart >= 0)
            {
                if (group - runStart > bestLength)
                {
                    bestStart = runStart;
                    bestLength = group - runStart;
                }
                runStart = -1;
            }
        }
        for (int group = 0; group < 8; group++)
        {
            if (group == bestStart)
            {
                putAscii(group == 0 ? "::" : ":");
                group += bestLength - 1;
                continue;
            }
            putHexTrimmed(group(high, low, group));
            if (group < 7)
            {
                putByte(':');
            }
        }
        return this;
    }

    /** Writes an address as {@link #putIpv4} (its low 32 bits) or {@link #putIpv6} does, by IP version. */
    public AsciiWriter putIpAddress(final int ipVersion, final long high, final long low) throws IOException
    {
        return ipVersion == 6 ? putIpv6(high, low) : putIpv4(low & 0xFFFF_FFFFL);
    }

    private static int group(final long high, final long low, final int group)
    {
        final long half = group < 4 ? high : low;
        return (int)(half >>> ((3 - (group & 3)) * 16)) & 0xFFFF;
    }

    private void putHexTrimmed(final int value) throws IOException
    {
        int digitCount = 1;
        while (digitCount < 4 && (value >>> (digitCount * 4)) != 0)
        {
            digitCount++;
        }
        putHex(value, digitCount);
    }

    public AsciiWriter endLine() throws IOException
    {
        return putByte('\n');
    }

    public void flush() throws IOException
    {
        out.write(buffer, 0, position);
        position = 0;
        out.flush();
    }

    private void ensure(final int length) throws IOException
    {
        if (position + length > buffer.length)
        {
            out.write(buffer, 0, position);
            position = 0;
        }
    }

    @Override
    public void close() throws IOException
    {
        flush();
        out.close();
    }
}
