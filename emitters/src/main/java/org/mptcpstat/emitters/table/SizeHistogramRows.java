package org.mptcpstat.emitters.table;

import com.carrotsearch.hppc.LongIntHashMap;

import java.io.IOException;
import java.util.Arrays;

/**
 * Writes a histogram kept as size → count (ACK sizes) as rows {@code id, direction, size, count},
 * sizes ascending. Sizes are positive, so the map's empty slots (key 0) are skipped by reading its
 * key and value arrays directly: no iterator objects, and one reusable scratch array.
 */
public final class SizeHistogramRows
{
    private long[] sizes = new long[64];

    public void write(final RowSink sink, final long id, final int direction, final LongIntHashMap counts)
        throws IOException
    {
        if (sizes.length < counts.size())
        {
            sizes = new long[Math.max(counts.size(), sizes.length * 2)];
        }
        int n = 0;
        for (final long size : counts.keys)
        {
            if (size != 0)
            {
                sizes[n++] = size;
            }
        }
        Arrays.sort(sizes, 0, n);
        for (int i = 0; i < n; i++)
        {
            sink.beginRow();
            sink.putLong(id);
            sink.putEnum(direction);
            sink.putLong(sizes[i]);
            sink.putLong(counts.get(sizes[i]));
            sink.endRow();
        }
    }
}
