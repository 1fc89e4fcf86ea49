package org.mptcpstat.api;

import com.sun.management.ThreadMXBean;
import org.agrona.collections.IntArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher's work per packet (route it, add it to its worker's batch, in place or copied,
 * note the tokens to check) allocates nothing once its maps have grown: dispatching every packet of a capture twice
 * allocates no more than dispatching it once.
 */
class DispatchAllocationTest
{
    private static final int WORKERS = 3;
    private static final long IDLE_TIMEOUT_NANOS = 300_000_000_000L;
    private static final int PASSES = 20;

    private final PacketRouter router = new PacketRouter(WORKERS, IDLE_TIMEOUT_NANOS);
    private final PacketBatch[] batches = { new PacketBatch(), new PacketBatch(), new PacketBatch() };
    private final PacketRecord record = new PacketRecord();
    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpPacket packet = new TcpPacket();

    private boolean copy;

    @ParameterizedTest(name = "copy={0}")
    @ValueSource(booleans = { false, true })
    void shouldAllocateNothingPerPacketWhenRoutingAndBatching(final boolean copy) throws IOException
    {
        this.copy = copy;
        // ethernet-v4: 22 MPTCP connections, with keys, joins and pinned subflows.
        final Path capture = Paths.get(System.getProperty("mptcpstat.testdata", "../testdata"))
            .resolve("captures/ethernet-v4.pcap");
        dispatch(capture, PASSES, 2);
        final long packets = dispatch(capture, 1, 1);

        final long once = allocatedWhileDispatching(capture, 1);
        final long twice = allocatedWhileDispatching(capture, 2);

        // Each pass opens the capture (channel, mapping, reader): the same in both, packets aside.
        final double perPacket = (twice - once) / (PASSES * (double)packets);
        assertTrue(perPacket < 0.5, "bytes allocated per packet: " + perPacket + " (" + once + " dispatching " +
            PASSES + " times " + packets + " packets, " + twice + " dispatching each twice)");
    }

    private long allocatedWhileDispatching(final Path capture, final int times) throws IOException
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        dispatch(capture, PASSES, times);
        return threads.getThreadAllocatedBytes(threadId) - before;
    }

    /**
     * @param times how often each packet is dispatched.
     * @return TCP packets read.
     */
    private long dispatch(final Path capture, final int passes, final int times) throws IOException
    {
        long packets = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            try (CaptureReader reader = CaptureReaders.open(capture))
            {
                while (reader.next(record))
                {
                    if (decoder.decode(record, packet) != DecodeStatus.TCP)
                    {
                        continue;
                    }
                    packets++;
                    for (int time = 0; time < times; time++)
                    {
                        dispatch();
                    }
                }
            }
        }
        return packets;
    }

    private void dispatch()
    {
        final PacketBatch batch = batches[router.route(packet)];
        if (!batch.fits(copy ? record.capturedLength() : 0))
        {
            batch.clearPackets();
        }
        final int index = batch.add(record, copy, packet.timestampNanos());
        final IntArrayList tokens = router.usedTokens();
        for (int i = 0; i < tokens.size(); i++)
        {
            batch.checkToken(index, tokens.getInt(i));
        }
    }
}
