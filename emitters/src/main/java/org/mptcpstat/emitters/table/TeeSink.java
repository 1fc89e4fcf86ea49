package org.mptcpstat.emitters.table;

import java.io.IOException;
import java.util.List;

/**
 * Fans every value out to several sinks, so one pass over the flow table writes a table in every
 * chosen format. The sinks commit, abort and close together.
 */
public final class TeeSink implements RowSink
{
    private final RowSink[] sinks;

    /** @param sinks one or more sinks of the same table; the tee owns them from now on. */
    public TeeSink(final List<RowSink> sinks)
    {
        if (sinks.isEmpty())
        {
            throw new IllegalArgumentException("a tee needs at least one sink");
        }
        this.sinks = sinks.toArray(new RowSink[0]);
    }

    @Override
    public void beginRow() throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.beginRow();
        }
    }

    @Override
    public void putLong(final long value) throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.putLong(value);
        }
    }

    @Override
    public void putDouble(final double value) throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.putDouble(value);
        }
    }

    @Override
    public void putNanos(final long nanos) throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.putNanos(nanos);
        }
    }

    @Override
    public void putAddress(final int ipVersion, final long high, final long low) throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.putAddress(ipVersion, high, low);
        }
    }

    @Override
    public void putEnum(final int labelIndex) throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.putEnum(labelIndex);
        }
    }

    @Override
    public void putBoolean(final boolean value) throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.putBoolean(value);
        }
    }

    @Override
    public void putNull() throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.putNull();
        }
    }

    @Override
    public void endRow() throws IOException
    {
        for (final RowSink sink : sinks)
        {
            sink.endRow();
        }
    }

    /**
     * Commits every sink in order. Renames cannot be made atomic across files: if one sink fails,
     * those after it are aborted, while those before it keep their complete, committed tables.
     */
    @Override
    public void commit() throws IOException
    {
        for (int i = 0; i < sinks.length; i++)
        {
            try
            {
                sinks[i].commit();
            }
            catch (final IOException | RuntimeException ex)
            {
                for (int j = i; j < sinks.length; j++)
                {
                    sinks[j].abort();
                }
                throw ex;
            }
        }
    }

    @Override
    public void abort()
    {
        for (final RowSink sink : sinks)
        {
            sink.abort();
        }
    }

    @Override
    public void close()
    {
        for (final RowSink sink : sinks)
        {
            sink.close();
        }
    }
}
