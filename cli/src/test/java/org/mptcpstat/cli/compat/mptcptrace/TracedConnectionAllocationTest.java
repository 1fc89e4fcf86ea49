package org.mptcpstat.cli.compat.mptcptrace;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Following a connection's mappings and DATA_ACKs, rows written as they come, allocates nothing
 * per signal: the bytes allocated for a whole connection do not grow with its number of packets.
 */
class TracedConnectionAllocationTest
{
    private static final int SMALL = 10_000;
    private static final int LARGE = 110_000;
    private static final long MAPPING_BYTES = 1_400;

    @TempDir
    Path dir;

    /** One connection state, reused as {@link MptcptraceOutput} reuses them. */
    private final TracedConnection connection = new TracedConnection();

    @Test
    void shouldAllocateNothingPerMappingOrDataAck() throws IOException
    {
        final StagingFolder folder = new StagingFolder(dir);
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            follow(folder, SMALL);
            follow(folder, LARGE);
        }
        final long smallBytes = allocatedBytes(folder, SMALL);
        final long largeBytes = allocatedBytes(folder, LARGE);
        final double perPacket = (largeBytes - smallBytes) / (double)(LARGE - SMALL);
        assertTrue(perPacket < 0.1, "bytes allocated per packet: " + perPacket + " (" + smallBytes + " for " + SMALL +
            ", " + largeBytes + " for " + LARGE + ")");
    }

    /** A connection whose client sends {@code packets} mappings over two subflows, each acknowledged, some resent. */
    private void follow(final StagingFolder folder, final int packets) throws IOException
    {
        connection.start(0, folder);
        long dsn = 1L << 40;
        long time = 1_700_000_000_000_000_000L;
        for (int i = 0; i < packets; i++)
        {
            final int subflow = i & 1;
            connection.onMapping(subflow, 0, time, dsn, MAPPING_BYTES, false);
            connection.onData(subflow, 0, time, dsn);
            if (i % 100 == 0)
            {
                connection.onMapping(1 - subflow, 0, time + 1, dsn, MAPPING_BYTES, false);
            }
            connection.onDataAck(subflow, 0, time + 20_000_000L, dsn + MAPPING_BYTES);
            dsn += MAPPING_BYTES;
            time += 1_000_000L;
        }
        connection.close();
    }

    private long allocatedBytes(final StagingFolder folder, final int packets) throws IOException
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        follow(folder, packets);
        return threads.getThreadAllocatedBytes(threadId) - before;
    }
}
