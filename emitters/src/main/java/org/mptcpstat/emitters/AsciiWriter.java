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

    private final OutputStream out;
    private final byte[] buffer;
    private final byte[] digits = new byte[20];
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

    /** Writes {@code value} read as an unsigned 64-bit integer (MPTCP keys, 64-bit DSNs). */
    public AsciiWriter putUnsignedLong(final long value) throws IOException
    {
        ensure(digits.length);
        int count = 0;
        long rest = value;
        if (rest < 0)
        {
            // Halve first so the remaining division is signed-safe.
            final long quotient = (rest >>> 1) / 5;
            digits[count++] = (byte)('0' + (rest - quotient * 10));
            rest = quotient;
        }
        do
        {
            digits[count++] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        while (rest != 0);
        while (count > 0)
        {
            buffer[position++] = digits[--count];
        }
        return this;
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
