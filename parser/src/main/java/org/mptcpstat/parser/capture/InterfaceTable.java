package org.mptcpstat.parser.capture;

import java.util.Arrays;

/** The interfaces of the current pcapng section, in primitive arrays indexed by interface id. */
final class InterfaceTable
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private int[] linkTypes = new int[4];
    private long[] snapLengths = new long[4];
    private int[] resolutions = new int[4];
    private long[] offsetNanos = new long[4];
    private int count;
    private int finestDecimals = TimestampResolution.MICROSECONDS;

    void clear()
    {
        count = 0;
    }

    void add(final int linkType, final long snapLength, final int resolution, final long offsetSeconds)
    {
        if (count == linkTypes.length)
        {
            final int capacity = count * 2;
            linkTypes = Arrays.copyOf(linkTypes, capacity);
            snapLengths = Arrays.copyOf(snapLengths, capacity);
            resolutions = Arrays.copyOf(resolutions, capacity);
            offsetNanos = Arrays.copyOf(offsetNanos, capacity);
        }
        linkTypes[count] = linkType;
        snapLengths[count] = snapLength;
        resolutions[count] = resolution;
        offsetNanos[count] = offsetSeconds * NANOS_PER_SECOND;
        count++;
        finestDecimals = Math.max(finestDecimals, TimestampResolution.decimals(resolution));
    }

    /** @return the most decimal digits any interface of the file has declared (sections included). */
    int finestDecimals()
    {
        return finestDecimals;
    }

    int count()
    {
        return count;
    }

    int linkType(final int id)
    {
        return linkTypes[id];
    }

    long snapLength(final int id)
    {
        return snapLengths[id];
    }

    long toNanos(final int id, final long ticks)
    {
        return TimestampResolution.toNanos(resolutions[id], ticks) + offsetNanos[id];
    }
}
