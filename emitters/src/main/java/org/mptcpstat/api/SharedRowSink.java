package org.mptcpstat.api;

import org.mptcpstat.emitters.table.RowSink;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One table's sink as the workers of a parallel analysis share it: a worker holds the table's lock
 * from {@link #beginRow()} to {@link #endRow()}, so rows are written whole, in the order workers
 * finish them. A worker that fails in the middle of a row lets go of the locks it holds
 * ({@link #unlockHeld}) before it stops, so that no other worker waits for ever.
 * <p>
 * Commit and abort belong to the table's owner (the {@link TableOutput}), not to the workers.
 */
final class SharedRowSink implements RowSink
{
    private final RowSink sink;
    private final ReentrantLock lock = new ReentrantLock();

    SharedRowSink(final RowSink sink)
    {
        this.sink = sink;
    }

    /** Releases the lock if the calling thread stopped in the middle of a row. */
    void unlockHeld()
    {
        while (lock.isHeldByCurrentThread())
        {
            lock.unlock();
        }
    }

    @Override
    public void beginRow() throws IOException
    {
        lock.lock();
        sink.beginRow();
    }

    @Override
    public void putLong(final long value) throws IOException
    {
        sink.putLong(value);
    }

    @Override
    public void putDouble(final double value) throws IOException
    {
        sink.putDouble(value);
    }

    @Override
    public void putNanos(final long nanos) throws IOException
    {
        sink.putNanos(nanos);
    }

    @Override
    public void putAddress(final int ipVersion, final long high, final long low) throws IOException
    {
        sink.putAddress(ipVersion, high, low);
    }

    @Override
    public void putEnum(final int labelIndex) throws IOException
    {
        sink.putEnum(labelIndex);
    }

    @Override
    public void putBoolean(final boolean value) throws IOException
    {
        sink.putBoolean(value);
    }

    @Override
    public void putNull() throws IOException
    {
        sink.putNull();
    }

    @Override
    public void endRow() throws IOException
    {
        try
        {
            sink.endRow();
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public void commit()
    {
        throw new UnsupportedOperationException("the table's output commits it");
    }

    @Override
    public void abort()
    {
        throw new UnsupportedOperationException("the table's output aborts it");
    }

    @Override
    public void close()
    {
        // The table's output closes it.
    }
}
