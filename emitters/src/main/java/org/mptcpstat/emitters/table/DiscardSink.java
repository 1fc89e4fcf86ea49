package org.mptcpstat.emitters.table;

/**
 * A sink that checks nothing and keeps nothing: the place for the rows of a table nobody asked
 * for (e.g. every table but the one streamed to standard output).
 */
public final class DiscardSink implements RowSink
{
    public static final DiscardSink INSTANCE = new DiscardSink();

    private DiscardSink()
    {
    }

    @Override
    public void beginRow()
    {
    }

    @Override
    public void putLong(final long value)
    {
    }

    @Override
    public void putDouble(final double value)
    {
    }

    @Override
    public void putNanos(final long nanos)
    {
    }

    @Override
    public void putAddress(final int ipVersion, final long high, final long low)
    {
    }

    @Override
    public void putEnum(final int labelIndex)
    {
    }

    @Override
    public void putBoolean(final boolean value)
    {
    }

    @Override
    public void putNull()
    {
    }

    @Override
    public void endRow()
    {
    }

    @Override
    public void commit()
    {
    }

    @Override
    public void abort()
    {
    }

    @Override
    public void close()
    {
    }
}
