package org.mptcpstat.bench;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.parser.source.CaptureSource;

/**
 * A {@link CaptureSource} over a capture held whole in memory, so that benchmarks read records
 * without any file system, mapping or system call in the loop. Every window is a view of the one
 * buffer, which therefore stays valid for as long as the source is alive (a file source only
 * promises the last window).
 */
final class MemoryCaptureSource implements CaptureSource
{
    private final UnsafeBuffer buffer;
    private final int size;
    private int index;

    MemoryCaptureSource(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
        this.size = buffer.capacity();
    }

    /** Starts again from the first byte, so one source serves every benchmark invocation. */
    MemoryCaptureSource rewind()
    {
        index = 0;
        return this;
    }

    @Override
    public int fetch(final long position, final int length)
    {
        if (position >= size)
        {
            return 0;
        }
        index = (int)position;
        return (int)Math.min(length, size - position);
    }

    @Override
    public DirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public int index()
    {
        return index;
    }

    @Override
    public long size()
    {
        return size;
    }

    @Override
    public long fileBytesConsumed()
    {
        return index;
    }

    @Override
    public String fault()
    {
        return null;
    }

    @Override
    public void close()
    {
        // Nothing to release: the buffer belongs to the benchmark state.
    }
}
