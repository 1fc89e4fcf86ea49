package org.mptcpstat.parser.testing;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.parser.source.CaptureSource;

/**
 * A capture in memory whose every window is a buffer of exactly the bytes fetched: a reader that
 * reads beyond what it fetched gets an {@link IndexOutOfBoundsException} from Agrona, where a file
 * mapping would quietly hand it the neighbouring bytes. It also holds readers to the
 * {@link CaptureSource} contract as the strictest real source does: no window longer than
 * {@link CaptureSource#MAX_WINDOW}, and none starting before the previous one.
 */
public final class ExactWindowSource implements CaptureSource
{
    private final byte[] bytes;
    private final UnsafeBuffer window = new UnsafeBuffer(new byte[0]);
    private long previousPosition;
    private long consumed;

    public ExactWindowSource(final byte[] bytes)
    {
        this.bytes = bytes;
    }

    @Override
    public int fetch(final long position, final int length)
    {
        if (length < 0 || length > MAX_WINDOW || position < previousPosition)
        {
            throw new IllegalArgumentException(
                "window out of range: " + position + "+" + length + " after a fetch at " + previousPosition);
        }
        previousPosition = position;
        final int start = (int)Math.min(position, bytes.length);
        final int available = Math.min(length, bytes.length - start);
        window.wrap(bytes, start, available);
        consumed = Math.max(consumed, start + available);
        return available;
    }

    @Override
    public DirectBuffer buffer()
    {
        return window;
    }

    @Override
    public int index()
    {
        return 0;
    }

    @Override
    public long size()
    {
        return bytes.length;
    }

    @Override
    public long fileBytesConsumed()
    {
        return consumed;
    }

    @Override
    public String fault()
    {
        return null;
    }

    @Override
    public void close()
    {
        // The bytes belong to the caller.
    }
}
