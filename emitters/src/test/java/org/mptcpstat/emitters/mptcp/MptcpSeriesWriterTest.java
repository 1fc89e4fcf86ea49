package org.mptcpstat.emitters.mptcp;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpstat.emitters.table.DiscardSink;
import org.mptcpstat.flowtable.RttDistribution;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

class MptcpSeriesWriterTest
{
    private static final int PACKETS = 200_000;
    /** Far below one allocation per packet: what the measuring itself may cost. */
    private static final long ALLOWED_BYTES = 4_096;

    @Test
    void shouldAllocateNothingPerPacketOnceItsPooledRowsHaveGrown() throws IOException
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's ThreadMXBean");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        // A connection without data bytes is below the minimum: its rows are kept, then dropped, never written.
        final MptcpSeriesWriter writer = new MptcpSeriesWriter(DiscardSink.INSTANCE, 1, PACKETS);
        final MptcpConnection connection = new MptcpConnection(new RttDistribution.Pool());

        carry(writer, connection);
        final long before = threads.getCurrentThreadAllocatedBytes();
        carry(writer, connection);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < ALLOWED_BYTES, allocated + " bytes allocated for " + PACKETS + " packets");
    }

    /** One connection's whole life: half its packets carry data, half a DATA_ACK, on two subflows. */
    private static void carry(final MptcpSeriesWriter writer, final MptcpConnection connection) throws IOException
    {
        for (int i = 0; i < PACKETS / 2; i++)
        {
            final long dsn = 1_000_000L + 1_400L * i;
            writer.onData(connection, i & 1, 1, i * 1_000L, dsn, dsn + 1_400, (i & 7) == 0 ? 1_400 : 0);
            writer.onDataAck(connection, i & 1, 1, i * 1_000L + 500, dsn + 1_400, -1);
        }
        writer.onConnectionFinished(connection);
    }
}
