package org.mptcpstat.emitters.table;

import java.util.ArrayList;
import java.util.List;

/** Records every call as text, so a test can compare what a reader replayed with what was written. */
final class RecordingSink implements RowSink
{
    final List<String> calls = new ArrayList<>();

    @Override
    public void beginRow()
    {
        calls.add("[");
    }

    @Override
    public void putLong(final long value)
    {
        calls.add("long " + value);
    }

    @Override
    public void putDouble(final double value)
    {
        calls.add("double " + value);
    }

    @Override
    public void putNanos(final long nanos)
    {
        calls.add("nanos " + nanos);
    }

    @Override
    public void putAddress(final int ipVersion, final long high, final long low)
    {
        calls.add("ipv" + ipVersion + " " + Long.toHexString(high) + " " + Long.toHexString(low));
    }

    @Override
    public void putEnum(final int labelIndex)
    {
        calls.add("enum " + labelIndex);
    }

    @Override
    public void putBoolean(final boolean value)
    {
        calls.add("boolean " + value);
    }

    @Override
    public void putNull()
    {
        calls.add("null");
    }

    @Override
    public void endRow()
    {
        calls.add("]");
    }

    @Override
    public void commit()
    {
        calls.add("commit");
    }

    @Override
    public void abort()
    {
        calls.add("abort");
    }

    @Override
    public void close()
    {
        calls.add("close");
    }
}
