package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Places one option's bytes inside a larger array, after {@link #LEADING} bytes of
 * {@link #SENTINEL_BEFORE} and before {@link #TRAILING} bytes of {@link #SENTINEL_AFTER}, so a decoder
 * that reads one byte too early or too late returns a value that visibly differs from the expected one.
 * The odd leading count also keeps multi-byte fields off natural alignment.
 */
final class OptionBytes
{
    static final int LEADING = 7;
    static final int TRAILING = 9;
    static final byte SENTINEL_BEFORE = (byte)0xA5;
    static final byte SENTINEL_AFTER = (byte)0x5A;

    final byte[] array;
    final int offset;
    final int length;
    /** Sees the whole array, sentinels included. */
    final UnsafeBuffer buffer;

    private OptionBytes(final byte[] array, final int offset, final int length)
    {
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.buffer = new UnsafeBuffer(array);
    }

    /**
     * @param bytes the option, kind byte first; each value is taken modulo 256. Its length byte must
     *              equal the number of bytes given, as the parser's caller guarantees.
     */
    static OptionBytes option(final int... bytes)
    {
        if (bytes.length >= 2)
        {
            assertEquals(bytes.length, bytes[1] & 0xFF, "test bug: length byte disagrees with byte count");
        }
        final byte[] array = new byte[LEADING + bytes.length + TRAILING];
        java.util.Arrays.fill(array, 0, LEADING, SENTINEL_BEFORE);
        for (int i = 0; i < bytes.length; i++)
        {
            array[LEADING + i] = (byte)bytes[i];
        }
        java.util.Arrays.fill(array, LEADING + bytes.length, array.length, SENTINEL_AFTER);
        return new OptionBytes(array, LEADING, bytes.length);
    }

    /** Same as {@link #option(int...)} for bytes already in a byte array. */
    static OptionBytes option(final byte[] bytes)
    {
        final int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            values[i] = bytes[i] & 0xFF;
        }
        return option(values);
    }

    /**
     * A view of the same bytes whose capacity ends exactly at the option's last byte, so any read past
     * the option throws (Agrona's bounds checks are on by default) instead of silently reading a sentinel.
     */
    UnsafeBuffer tightBuffer()
    {
        return new UnsafeBuffer(array, 0, offset + length);
    }

    /**
     * Bytes of an option of {@code length} bytes that starts with {@code head} and is zero-filled after
     * it; handy for invalid-length cases, where only the header matters.
     */
    static int[] filled(final int length, final int... head)
    {
        final int[] bytes = new int[length];
        System.arraycopy(head, 0, bytes, 0, Math.min(head.length, length));
        return bytes;
    }

    static boolean assertionsEnabledFor(final Class<?> type)
    {
        return type.desiredAssertionStatus();
    }
}
