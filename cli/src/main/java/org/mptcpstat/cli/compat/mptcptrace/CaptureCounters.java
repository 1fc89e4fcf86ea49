package org.mptcpstat.cli.compat.mptcptrace;

import org.mptcpstat.emitters.AsciiWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The capture's counts of {@code file_stats.csv}: one line per {@link CaptureCounter}, c2s then s2c. */
final class CaptureCounters
{
    private static final CaptureCounter[] COUNTERS = CaptureCounter.values();

    private final long[][] counts = new long[COUNTERS.length][2];

    void add(final CaptureCounter counter, final int direction, final long count)
    {
        counts[counter.ordinal()][direction] += count;
    }

    void write(final Path file) throws IOException
    {
        try (OutputStream stream = Files.newOutputStream(file); AsciiWriter lines = new AsciiWriter(stream))
        {
            for (final CaptureCounter counter : COUNTERS)
            {
                final long[] count = counts[counter.ordinal()];
                lines.putAscii(counter.label).putByte(',').putLong(count[0]).putByte(',').putLong(count[1]).endLine();
            }
        }
    }
}
